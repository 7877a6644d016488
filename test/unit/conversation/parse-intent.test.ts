import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../src/conversation/parse-intent.js';

describe('reading requests without an LLM', () => {
  it.each([
    ["how's Acme doing?", { kind: 'health', account: 'Acme' }],
    ['How is Blue Heron Logistics doing today?', { kind: 'health', account: 'Blue Heron Logistics' }],
    ['/tend health acme corp', { kind: 'health', account: 'acme corp' }],
    ['<@U0TEND> status of Globex', { kind: 'health', account: 'Globex' }],
    ['why did Globex drop?', { kind: 'why', account: 'Globex' }],
    ["why has Initech's score fallen", { kind: 'why', account: 'Initech' }],
    ['why is Umbrella at risk?', { kind: 'why', account: 'Umbrella' }],
    ['why acme', { kind: 'why', account: 'acme' }],
    ['which of my accounts renew in the next 60 days?', { kind: 'renewals', days: 60, mine: true }],
    ['which renewals are at risk this quarter?', { kind: 'renewals', days: 90, atRiskOnly: true }],
    ['renewals 30', { kind: 'renewals', days: 30 }],
    ['accounts renewing in 6 months', { kind: 'renewals', days: 180 }],
    [
      'show me at-risk enterprise accounts in EMEA',
      { kind: 'at_risk', filter: { tier: 'enterprise', region: 'EMEA' } },
    ],
    ['/tend at-risk strategic', { kind: 'at_risk', filter: { segment: 'strategic' } }],
    ['my accounts at risk', { kind: 'at_risk', filter: { mine: true } }],
    ['portfolio team', { kind: 'portfolio', scope: 'team' }],
    ['/tend qbr Acme', { kind: 'qbr', account: 'Acme' }],
    ['qbr Acme Corp 2026Q3', { kind: 'qbr', account: 'Acme Corp', quarter: '2026Q3' }],
    ['draft a QBR for Globex', { kind: 'qbr', account: 'Globex' }],
    ['feedback acme 30', { kind: 'feedback', account: 'acme', days: 30 }],
    ['/tend feedback', { kind: 'feedback', days: 90 }],
    ['what are customers saying about Initrode?', { kind: 'feedback', account: 'Initrode', days: 90 }],
    [
      'alert snooze 0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11 14',
      { kind: 'alert', alertId: '0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11', action: 'snooze', days: 14 },
    ],
    ['/tend plan Acme', { kind: 'plan', account: 'Acme' }],
    [
      'note Acme: Called the CFO: budget approved',
      { kind: 'note', account: 'Acme', text: 'Called the CFO: budget approved' },
    ],
    ['log a note for Globex Industries', { kind: 'note', account: 'Globex Industries' }],
    [
      'goal Acme: Cut tickets | tickets per month | 40 | 20 | 2027-03-31',
      {
        kind: 'goal',
        account: 'Acme',
        goal: { title: 'Cut tickets', kpi: 'tickets per month', baseline: '40', target: '20', dueDate: '2027-03-31' },
      },
    ],
    ['goal Acme', { kind: 'goal', account: 'Acme' }],
    ['snooze Acme Corp 14', { kind: 'snooze', account: 'Acme Corp', days: 14 }],
    ['snooze alerts for Globex for 3 days', { kind: 'snooze', account: 'Globex', days: 3 }],
    ['snooze Acme', { kind: 'snooze', account: 'Acme', days: 7 }],
    ['/tend recompute', { kind: 'recompute' }],
    ['recompute Acme', { kind: 'recompute', account: 'Acme' }],
    ['whoami', { kind: 'whoami' }],
    ['/tend nps', { kind: 'nps', days: 90 }],
    ['survey Acme Corp csat', { kind: 'survey_send', account: 'Acme Corp', survey: 'csat' }],
    ['/tend survey Globex', { kind: 'survey_send', account: 'Globex' }],
    ['survey Globex onboarding_check', { kind: 'survey_send', account: 'Globex onboarding_check' }],
    [
      'survey Acme Corp csat in <#C0SHARED1|acme-shared>',
      { kind: 'survey_send', account: 'Acme Corp', survey: 'csat', slackChannel: 'C0SHARED1' },
    ],
    ['survey Acme in <#C0SHARED1>', { kind: 'survey_send', account: 'Acme', slackChannel: 'C0SHARED1' }],
    [
      'Survey Acme NPS in C0SHARED1',
      { kind: 'survey_send', account: 'Acme', survey: 'nps', slackChannel: 'C0SHARED1' },
    ],
    ['survey Acme in Copenhagen', { kind: 'survey_send', account: 'Acme in Copenhagen' }],
    ['survey Acme in c0shared1', { kind: 'survey_send', account: 'Acme in c0shared1' }],
    ['milestone Acme: Onboarding complete', { kind: 'milestone', account: 'Acme', text: 'Onboarding complete' }],
    ['milestone Acme', { kind: 'milestone', account: 'Acme' }],
    [
      'survey answer 0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11 9',
      { kind: 'survey_answer', requestId: '0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11', score: 9 },
    ],
    [
      'survey comment 0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11: Slow support. Really!',
      { kind: 'survey_comment', requestId: '0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11', text: 'Slow support. Really!' },
    ],
    [
      'alert assign 0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11 to dana@corp.example',
      { kind: 'alert_assign', alertId: '0b5f4f3e-8a2c-4c0e-9d2a-1f6f0e7c9a11', email: 'dana@corp.example' },
    ],
    ['nps Acme Corp 30', { kind: 'nps', account: 'Acme Corp', days: 30 }],
    ['nps strategic', { kind: 'nps', account: 'strategic', days: 90 }],
    ['nps all 30d', { kind: 'nps', days: 30 }],
    ['nps Acme Corp last 6 months', { kind: 'nps', account: 'Acme Corp', days: 180 }],
    ['nps enterprise over the past 12 weeks', { kind: 'nps', account: 'enterprise', days: 84 }],
    ['/tend nps all year', { kind: 'nps', days: 365 }],
    ['nps quarter', { kind: 'nps', days: 90 }],
    ['nps Weekday Labs', { kind: 'nps', account: 'Weekday Labs', days: 90 }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ["what's the weather", { kind: 'unknown', text: "what's the weather" }],
  ])('%s', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });
});
