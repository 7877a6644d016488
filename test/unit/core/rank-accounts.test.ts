import { describe, expect, it } from 'vitest';
import { rankAccounts, type RankableAccount } from '../../../src/core/portfolio/rank-accounts.js';

const now = new Date('2026-09-14T09:00:00Z');
const account = (name: string, over: Partial<RankableAccount>): RankableAccount => ({
  id: name,
  name,
  arr: 10_000,
  currency: 'USD',
  overall: 70,
  bandLabel: 'Healthy',
  atRisk: false,
  ownerName: 'Sam',
  ...over,
});
const book = [
  account('Acme', {
    arr: 500_000,
    overall: 81,
    healthBefore: 90,
    usageNow: 40,
    usageBefore: 60,
    lastTouch: '2026-09-10T00:00:00Z',
  }),
  account('Globex', {
    arr: 90_000,
    overall: 45,
    bandLabel: 'Critical',
    atRisk: true,
    healthBefore: 47,
    usageNow: 55,
    usageBefore: 50,
    lastTouch: '2026-06-01T00:00:00Z',
  }),
  account('Initech', {
    arr: 250_000,
    overall: 62,
    bandLabel: 'At Risk',
    atRisk: true,
    healthBefore: 60,
    lastTouch: null,
  }),
  account('Umbrella', { arr: 30_000, overall: null, bandLabel: null, healthBefore: null }),
];

describe('ranked and filtered account lists', () => {
  it('ranks the top N by ARR, and the bottom N by health leaving out the unscored', () => {
    expect(rankAccounts(book, { by: 'arr', limit: 2 }, now).accounts.map((a) => a.name)).toEqual(['Acme', 'Initech']);
    const lowest = rankAccounts(book, { by: 'health', order: 'bottom', limit: 2 }, now);
    expect(lowest.accounts.map((a) => a.name)).toEqual(['Globex', 'Initech']);
    expect(lowest.leftOut).toEqual({ count: 1, why: 'not scored' });
  });

  it('lists only accounts whose health fell, biggest fall first, and says who had no earlier score', () => {
    const drops = rankAccounts(book, { by: 'drop' }, now);
    expect(drops.accounts.map((a) => [a.name, a.value])).toEqual([
      ['Acme', -9],
      ['Globex', -2],
    ]);
    expect(drops.leftOut?.count).toBe(1);
  });

  it('filters by band label or "at risk", and by falling usage', () => {
    expect(rankAccounts(book, { band: 'critical' }, now).accounts.map((a) => a.name)).toEqual(['Globex']);
    expect(
      rankAccounts(book, { band: 'at risk' }, now)
        .accounts.map((a) => a.name)
        .sort(),
    ).toEqual(['Globex', 'Initech']);
    const usage = rankAccounts(book, { by: 'usage', fallingUsage: true }, now);
    expect(usage.accounts.map((a) => [a.name, a.value])).toEqual([['Acme', -20]]);
    expect(usage.leftOut).toEqual({ count: 2, why: 'no usage score from the start of the period' });
  });

  it('counts never contacted as not contacted, and a touch within the window as contacted', () => {
    const quiet = rankAccounts(book, { notContactedDays: 30 }, now);
    expect(quiet.accounts.map((a) => a.name).sort()).toEqual(['Globex', 'Initech', 'Umbrella']);
    expect(quiet.accounts.find((a) => a.name === 'Globex')!.value).toBe(105);
  });
});
