import { describe, expect, it } from 'vitest';
import { readPeriod } from '../../../src/core/lifecycle/calendar-period.js';
import { inScope } from '../../../src/core/portfolio/account-scope.js';
import { editFrame, frameFollowUp } from '../../../src/conversation/frame/follow-up-frame.js';
import { accountNamedIn, callForNamedAccount } from '../../../src/conversation/frame/named-account.js';
import { askedParts, readFrame } from '../../../src/conversation/frame/question-frame.js';
import { testNow } from '../../support/test-clock.js';

// testNow is Monday 2026-09-14, 09:00 UTC: Q3 2026 ends on September 30.
const vocabulary = {
  people: [
    { id: 'u-jordan', name: 'Jordan Patel' },
    { id: 'u-lena', name: 'Lena Vogel' },
    { id: 'u-alex', name: 'Alex Kim' },
  ],
  regions: ['NA', 'EMEA', 'APAC', 'LATAM'],
  segments: ['strategic', 'standard'],
  tiers: ['essential', 'professional', 'enterprise'],
  industries: ['Manufacturing', 'Healthcare', 'Financial services'],
};
const read = (text: string, askerId?: string) =>
  readFrame(text, vocabulary, testNow, { ...(askerId ? { askerId } : {}) });

describe('reading the scope of a question from all its words', () => {
  it('reads a person of the book, "my", "my team", and the asker named as themselves', () => {
    expect(read("jordan's critical accounts").owner).toEqual({
      kind: 'person',
      id: 'u-jordan',
      name: 'Jordan Patel',
      words: "jordan's",
    });
    expect(read('Lena Vogel book summary').owner).toMatchObject({ kind: 'person', id: 'u-lena' });
    expect(read("patel's renewals").owner).toMatchObject({ kind: 'person', id: 'u-jordan' });
    expect(read("my team's at-risk accounts").owner).toMatchObject({ kind: 'team' });
    expect(read('my renewals this month').owner).toMatchObject({ kind: 'me', words: 'my' });
    expect(read("alex's renewals", 'u-alex').owner).toMatchObject({ kind: 'me' });
    expect(read('at risk accounts').owner).toBeUndefined();
  });

  it('reads regions, tiers and industries with their abbreviations', () => {
    expect(read('grr emea').regions?.values).toEqual(['EMEA']);
    expect(read('intl renewals').regions?.values).toEqual(['EMEA', 'APAC', 'LATAM']);
    expect(read('north america accounts').regions?.values).toEqual(['NA']);
    expect(read('ent at risk').tiers?.values).toEqual(['enterprise']);
    expect(read('mfg accounts at risk').industry?.value).toBe('Manufacturing');
    expect(read('strategic accounts').segment?.value).toBe('strategic');
    // Words that only look like a scope: "us" is not a region, "enter" is not a tier.
    expect(read('show us what to enter').regions).toBeUndefined();
    expect(read('show us what to enter').tiers).toBeUndefined();
  });

  it('reads thresholds on ARR and health', () => {
    expect(read('accounts over 500k').thresholds).toEqual([
      { field: 'arr', op: 'over', value: 500_000, words: 'over 500k' },
    ]);
    expect(read('health under 60').thresholds?.[0]).toMatchObject({ field: 'health', op: 'under', value: 60 });
    expect(read('accounts with more than $1.2m arr').thresholds?.[0]).toMatchObject({ field: 'arr', value: 1_200_000 });
  });

  it('reads grouping', () => {
    expect(read('at risk accounts by region').groupBy?.by).toBe('region');
    expect(read('renewals per csm').groupBy?.by).toBe('owner');
  });
});

describe('calendar periods on the fixed day', () => {
  it('names calendar spans and windows as whole days', () => {
    expect(readPeriod('renewals this month', testNow)).toMatchObject({ from: '2026-09-01', to: '2026-10-01' });
    expect(readPeriod('renewals next month', testNow)).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
    expect(readPeriod('this quarter', testNow)).toMatchObject({
      from: '2026-07-01',
      to: '2026-10-01',
      label: 'Q3 2026',
    });
    expect(readPeriod('before end of q1', testNow)).toMatchObject({ from: '2026-09-14', to: '2027-04-01' });
    expect(readPeriod('by the end of next quarter', testNow)).toMatchObject({ from: '2026-09-14', to: '2027-01-01' });
    expect(readPeriod('q1', testNow)).toMatchObject({ from: '2027-01-01', to: '2027-04-01' });
    expect(readPeriod('last 30 days', testNow)).toMatchObject({
      from: '2026-08-15',
      to: '2026-09-15',
      direction: 'back',
    });
    expect(readPeriod('next 30 days', testNow)).toMatchObject({
      from: '2026-09-14',
      to: '2026-10-15',
      direction: 'forward',
    });
    expect(readPeriod('in december', testNow)).toMatchObject({ from: '2026-12-01', to: '2027-01-01' });
    expect(readPeriod('renewals', testNow)).toBeUndefined();
  });

  it('uses the team time zone for "today"', () => {
    // 09:00 UTC is already the 15th in Auckland.
    expect(readPeriod('next 30 days', new Date('2026-09-14T13:00:00Z'), 'Pacific/Auckland')?.from).toBe('2026-09-15');
  });
});

describe('the scope as one predicate', () => {
  const account = {
    ownerId: 'u1',
    region: 'EMEA',
    segment: 'standard',
    tier: 'enterprise',
    industry: 'Retail',
    arr: '600000',
    overall: 55,
  };
  it('keeps an account only when every asked part holds', () => {
    expect(
      inScope(account, {
        ownerIds: ['u1'],
        regions: ['EMEA'],
        thresholds: [{ field: 'arr', op: 'over', value: 500_000 }],
      }),
    ).toBe(true);
    expect(inScope(account, { ownerIds: ['u2'] })).toBe(false);
    expect(inScope(account, { regions: ['NA'] })).toBe(false);
    expect(inScope(account, { thresholds: [{ field: 'health', op: 'under', value: 50 }] })).toBe(false);
    // Unknown values never match a narrowing: no score is not "under 60".
    expect(inScope({ ...account, overall: null }, { thresholds: [{ field: 'health', op: 'under', value: 60 }] })).toBe(
      false,
    );
    expect(inScope(account, { ownerIds: [] })).toBe(false);
  });
});

describe('follow-ups as edits of the last frame', () => {
  const emea = read('grr emea');
  const memory = {
    intent: 'retention',
    args: { days: 365, measure: 'grr' },
    subjects: [],
    frame: emea as Record<string, unknown>,
  };
  it('keeps the scope for a new measure', () => {
    const f = frameFollowUp('and nrr?', read('and nrr?'), false, memory);
    expect(f?.call).toEqual({ intent: 'retention', args: { days: 365, measure: 'nrr' } });
    expect(editFrame(f?.base, read('and nrr?')).regions?.values).toEqual(['EMEA']);
  });
  it('narrows, groups and filters the last list', () => {
    const list = {
      intent: 'at_risk',
      args: { filter: {} },
      subjects: ['A'],
      frame: read('at risk accounts') as Record<string, unknown>,
    };
    expect(frameFollowUp('what about apac only', read('what about apac only'), false, list)?.call.intent).toBe(
      'at_risk',
    );
    expect(frameFollowUp('break it down by region', read('break it down by region'), false, list)?.call.intent).toBe(
      'at_risk',
    );
    const renewals = { intent: 'renewals', args: { days: 90 }, subjects: ['A', 'B'], frame: {} };
    expect(
      frameFollowUp('which of those are at risk', read('which of those are at risk'), false, renewals)?.call,
    ).toEqual({
      intent: 'renewals',
      args: { days: 90, atRiskOnly: true },
    });
  });
  it('asks about the last account', () => {
    const health = { intent: 'health', args: { account: 'Acme Corp' }, subjects: ['Acme Corp'] };
    expect(frameFollowUp('and its renewal?', read('and its renewal?'), false, health)?.call).toEqual({
      intent: 'account_facts',
      args: { account: 'Acme Corp', fact: 'renewal' },
    });
    expect(
      frameFollowUp("who's the sponsor there", read("who's the sponsor there"), false, health)?.call.args,
    ).toMatchObject({ fact: 'sponsor' });
  });
  it('leaves a question that stands on its own alone', () => {
    expect(frameFollowUp('how is Globex doing', read('how is Globex doing'), true, memory)).toBeUndefined();
    expect(frameFollowUp('and nrr?', read('and nrr?'), false, undefined)).toBeUndefined();
    expect(askedParts(read('hello'))).toEqual([]);
  });
});

describe('an account named inside a sentence', () => {
  const accounts = [
    { name: 'Acme Corp', aliases: [] },
    { name: 'Westbrook Corp', aliases: [] },
    { name: 'Globex Industries', aliases: ['Globex'] },
  ];
  it('is the subject, not the rest of the sentence', () => {
    expect(accountNamedIn('Acme Corp is urgent?? whats going on', accounts)).toBe('Acme Corp');
    expect(accountNamedIn('how many seats does acme have', accounts)).toBe('Acme Corp');
    expect(accountNamedIn('at risk accounts', accounts)).toBeUndefined();
    expect(callForNamedAccount({ intent: 'health', args: { account: 'Corp' } }, '', 'Acme Corp')).toEqual({
      intent: 'health',
      args: { account: 'Acme Corp' },
    });
    expect(
      callForNamedAccount(
        { intent: 'list_accounts', args: { filter: {} } },
        'how many seats does acme have',
        'Acme Corp',
      ),
    ).toEqual({
      intent: 'account_facts',
      args: { account: 'Acme Corp', fact: 'seats' },
    });
  });
});
