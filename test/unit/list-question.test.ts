import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/conversation/parse-intent.js';

// How CSMs and managers ask for lists (issue 27's examples), read offline by the rules.
describe('reading list questions', () => {
  it.each([
    ['top 5 accounts by ARR', { kind: 'list_accounts', by: 'arr', limit: 5 }],
    ['show me healthy accounts', { kind: 'list_accounts', band: 'healthy' }],
    ['list critical accounts', { kind: 'list_accounts', band: 'critical' }],
    ['show me accounts with falling usage', { kind: 'list_accounts', by: 'usage', fallingUsage: true }],
    ['which accounts dropped the most this month?', { kind: 'list_accounts', by: 'drop', period: 'month' }],
    ["which accounts haven't been contacted in 30 days?", { kind: 'list_accounts', notContactedDays: 30 }],
    ['my accounts not contacted in 2 weeks', { kind: 'list_accounts', notContactedDays: 14, filter: { mine: true } }],
    ['bottom 3 accounts by health', { kind: 'list_accounts', by: 'health', order: 'bottom', limit: 3 }],
    ['any churn risks in APAC?', { kind: 'at_risk', filter: { region: 'APAC' } }],
    ['top 5 at-risk by ARR', { kind: 'at_risk', top: 5, by: 'arr' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toMatchObject(expected);
  });
});

describe('reading comparisons, months, regions and people', () => {
  it.each([
    ['compare Contoso Foods and Contoso Labs', { kind: 'compare', first: 'Contoso Foods', second: 'Contoso Labs' }],
    ['Acme vs Globex', { kind: 'compare', first: 'Acme', second: 'Globex' }],
    ['upcoming renewals in december', { kind: 'renewals', month: 12 }],
    ['renewals in march', { kind: 'renewals', month: 3 }],
    ['how many accounts does Aisha have?', { kind: 'list_accounts', filter: { owner: 'aisha' } }],
    ['nps EMEA', { kind: 'nps', account: 'EMEA' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toMatchObject(expected);
  });
});

describe('reading retention questions', () => {
  it.each([
    ['what is the net revenue retention?', { kind: 'retention', days: 365 }],
    ['GRR for strategic', { kind: 'retention', segment: 'strategic' }],
    ['logo churn last 6 months', { kind: 'retention', days: 180 }],
    ['retention in EMEA', { kind: 'retention', region: 'EMEA' }],
    ["what's my team's NRR this quarter", { kind: 'retention', team: true, days: 90 }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toMatchObject(expected);
  });
});

describe('reading time-to-value questions', () => {
  it.each([
    ['time to first value', { kind: 'time_to_value', days: 365 }],
    ['TTFV in APAC over the last 6 months', { kind: 'time_to_value', region: 'APAC', days: 180 }],
    ['time-to-value for enterprise accounts this year', { kind: 'time_to_value', tier: 'enterprise', days: 365 }],
    ["my team's time to value past 2 quarters", { kind: 'time_to_value', team: true, days: 180 }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toMatchObject(expected);
  });
});
