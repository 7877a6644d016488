import { describe, expect, it } from 'vitest';
import { splitByDay } from '../../../src/core/backtest/time-split.js';

const rows = (days: [string, number][]) =>
  days.flatMap(([day, n]) => Array.from({ length: n }, (_, i) => ({ day, churned: i % 3 === 0 })));

describe('the time split by day', () => {
  it('cuts at the day boundary nearest the share, never through a day', () => {
    const all = rows([
      ['2026-01-01', 4],
      ['2026-02-01', 3],
      ['2026-03-01', 3],
    ]);
    const split = splitByDay(all, (r) => r.day, 0.7)!;
    expect(split.train).toHaveLength(7);
    expect(split.test.map((r) => r.day)).toEqual(['2026-03-01', '2026-03-01', '2026-03-01']);
  });

  it('keeps a held-out part when most outcomes share the day the share falls on', () => {
    // 224 of 375 outcomes on one renewal day, the 70 % point inside it: the old split moved past
    // every tie and left nothing to judge on.
    const all = rows([
      ['2023-01-15', 100],
      ['2023-06-30', 224],
      ['2023-09-01', 51],
    ]);
    const split = splitByDay(all, (r) => r.day, 0.7)!;
    expect([split.train.length, split.test.length]).toEqual([324, 51]);
    expect(split.train.at(-1)!.day < split.test[0]!.day).toBe(true);
  });

  it('takes the earlier boundary when only it leaves the later part usable', () => {
    const all = rows([
      ['2023-01-15', 100],
      ['2023-06-30', 224],
      ['2023-09-01', 1], // a single outcome: one renewal, no churn
    ]);
    const split = splitByDay(
      all,
      (r) => r.day,
      0.7,
      ({ test }) => test.some((r) => r.churned) && test.some((r) => !r.churned),
    )!;
    expect([split.train.length, split.test.length]).toEqual([100, 225]);
  });

  it('refuses to split outcomes that all fall on one day', () => {
    expect(splitByDay(rows([['2026-06-30', 50]]), (r) => r.day, 0.7)).toBeNull();
    expect(splitByDay([], (r: { day: string }) => r.day, 0.7)).toBeNull();
  });
});
