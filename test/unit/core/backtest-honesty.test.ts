import { describe, expect, it } from 'vitest';
import { aucInterval, includesChance } from '../../../src/core/backtest/auc-interval.js';
import { backtest, defaultBacktestOptions } from '../../../src/core/backtest/backtest.js';
import type { OutcomeFact, Scorer, SnapshotFact } from '../../../src/core/backtest/outcome-facts.js';
import { backtestReply } from '../../../src/conversation/backtest-replies.js';
import { fitThreshold } from '../../../src/core/backtest/fit-threshold.js';
import { renderReplyAsText } from '../../../src/channels/shell/render-reply.js';

// Accounts scored once, on 31 March, with outcomes on 30 June: the 90-day reading is that score.
function history(accounts: { score: number; churned: boolean }[]) {
  const series = new Map<string, SnapshotFact[]>();
  const outcomes: OutcomeFact[] = accounts.map((a, i) => {
    const id = `a${i}`;
    series.set(id, [
      {
        id: `${id}-s`,
        accountId: id,
        computedAt: '2026-03-31T00:00:00.000Z',
        overall: a.score,
        band: a.score < 60 ? 'red' : 'green',
        dimensions: {},
        modelId: 'm',
        modelVersion: '1',
      },
    ]);
    return {
      id: `o${i}`,
      accountId: id,
      accountName: `Account ${i}`,
      kind: a.churned ? 'churned' : 'renewed',
      occurredOn: '2026-06-30',
      arrBefore: 1,
      arrAfter: a.churned ? 0 : 1,
    };
  });
  return { series, outcomes };
}
const bands = [
  { key: 'red', label: 'Red', atRisk: true },
  { key: 'green', label: 'Green', atRisk: false },
];
const flaggedBelow =
  (boundary: number): Scorer =>
  (s) =>
    s.overall === null
      ? undefined
      : { score: s.overall, band: s.band, bandLabel: s.band, atRisk: s.overall < boundary };
const run = (accounts: { score: number; churned: boolean }[], boundary = 60) => {
  const { series, outcomes } = history(accounts);
  return backtest(outcomes, series, flaggedBelow(boundary), bands, {
    ...defaultBacktestOptions,
    maxSnapshotAgeDays: 120,
  });
};
const at90 = (r: ReturnType<typeof run>) => r.horizons.find((h) => h.days === 90)!;
const text = (r: ReturnType<typeof run>) =>
  renderReplyAsText(backtestReply({ model: 'the scores as they were given', report: r, misses: [] }));

describe('the AUC interval (Hanley-McNeil)', () => {
  it('matches the standard error worked by hand', () => {
    // AUC 0.75, 100 a side: Q1 0.6, Q2 0.642857; SE sqrt(11.855357 / 10,000) = 0.034432.
    const { low, high } = aucInterval(0.75, 100, 100);
    expect(low).toBeCloseTo(0.75 - 1.96 * 0.034432, 4);
    expect(high).toBeCloseTo(0.75 + 1.96 * 0.034432, 4);
  });

  it('narrows with more cases, and keeps a width at a perfect split', () => {
    const width = (n: number) => {
      const i = aucInterval(0.7, n, n);
      return i.high - i.low;
    };
    expect(width(400)).toBeLessThan(width(40));
    const perfect = aucInterval(1, 10, 10);
    expect(perfect.high).toBe(1);
    expect(perfect.low).toBeLessThan(1);
    expect(includesChance(aucInterval(0.6, 12, 12))).toBe(true);
    expect(includesChance(aucInterval(0.75, 100, 100))).toBe(false);
  });
});

describe('honest headlines', () => {
  it('says "not enough data", not "AUC 0.00", from 34 churns against 2 renewals', () => {
    const r = run([
      ...Array.from({ length: 34 }, (_, i) => ({ score: 70 + (i % 20), churned: true })),
      { score: 40, churned: false },
      { score: 45, churned: false },
    ]);
    expect(at90(r).aucChurn).toBeNull();
    expect(at90(r).aucChurnInterval).toBeNull();
    expect(r.warnings).toContain(
      'Only 34 churn(s) and 2 other outcome(s) were scored 90 days ahead: with fewer than 30 on a side, every figure here is uncertain; with fewer than 10 on a side there is no churn AUC (not enough data).',
    );
    const out = text(r);
    expect(out).toContain(
      'churn AUC not enough data 90 days ahead (34 churned and 2 did not among the scored; an AUC needs 10 of each)',
    );
    expect(out).not.toMatch(/AUC 0\.00/);
  });

  it('prints the AUC with its interval, and warns when the interval includes 0.5', () => {
    // 12 churns and 12 renewals, interleaved in score: a weak ranking on few cases.
    const accounts = Array.from({ length: 24 }, (_, i) => ({ score: 20 + i * 3, churned: i % 2 === 0 }));
    const r = run(accounts);
    const h = at90(r);
    expect(h.aucChurn).toBeCloseTo(78 / 144, 10); // 78 of 144 pairs have the churn scored lower
    expect(h.aucChurnInterval!.low).toBeLessThan(0.5);
    expect(r.warnings.join('\n')).toMatch(
      /The churn AUC 90 days ahead, 0\.54, is not clearly better than a coin toss: its 95 % interval \(0\.\d\d to 0\.\d\d\) includes 0\.5\./,
    );
    expect(text(r)).toMatch(/churn AUC 0\.54 \(95 % interval 0\.\d\d to 0\.\d\d\) 90 days ahead/);
  });

  it('sets precision beside the base rate, and withholds lead time when the flag barely beats it', () => {
    // 100 accounts scored 0..99, 89 flagged (below 89); churn every 7th, whatever the score.
    const accounts = Array.from({ length: 100 }, (_, i) => ({ score: i, churned: i % 7 === 0 }));
    const r = run(accounts, 89);
    const h = at90(r);
    expect(h.flagRate).toBe(0.89);
    expect(h.churn).toMatchObject({ positives: 15, flagged: 89, truePositives: 13, baseRate: 0.15 });
    expect(h.churn.precision).toBeCloseTo(13 / 89, 10);
    expect(r.leadTime).toEqual({ medianDays: null, flaggedChurns: 13, churns: 15, withheld: true });
    expect(r.warnings).toContain(
      'At-risk precision 90 days ahead is 15 %, against a churn base rate of 15 % (the share of scored outcomes that churned): flagging 89 % of the outcomes is little better than flagging at random, so recall and "missed" say little and no lead time is given.',
    );
    const out = text(r);
    expect(out).toContain('Churn base rate');
    expect(out).toContain('not given: the at-risk flag is little better than flagging at random');
    expect(out).not.toMatch(/median \d+ days/);
  });

  it('gives the lead time when the flag beats the base rate by a quarter', () => {
    // Churn concentrated among the 20 flagged (every 4th below 20), rarer above (every 10th).
    const accounts = Array.from({ length: 100 }, (_, i) => ({
      score: i,
      churned: i < 20 ? i % 4 === 0 : i % 10 === 0,
    }));
    const r = run(accounts, 20);
    const h = at90(r);
    // 5 of 20 flagged churned (25 %); base rate 13 / 100: 25 % >= 1.25 x 13 %.
    expect(h.churn).toMatchObject({ flagged: 20, truePositives: 5, precision: 0.25, baseRate: 0.13 });
    expect(r.leadTime).toEqual({ medianDays: 91, flaggedChurns: 5, churns: 13, withheld: false });
  });

  it('says nothing was missed only when churns were scored', () => {
    const renewalsOnly = run(Array.from({ length: 40 }, (_, i) => ({ score: 50 + i, churned: false })));
    const out = text(renewalsOnly);
    expect(out).not.toContain('None: every churn was flagged at risk.');
    expect(out).toContain('No churn was scored 90 days ahead: not enough data to say which churns were missed.');
    const caught = run(Array.from({ length: 60 }, (_, i) => ({ score: i < 30 ? 10 + i : 70 + i, churned: i < 30 })));
    expect(text(caught)).toContain('None: every churn was flagged at risk.');
  });
});

describe('the fitted boundary in the report', () => {
  it('headlines the held-out precision beside the base rate, and says why when refused', () => {
    const r = run(Array.from({ length: 40 }, (_, i) => ({ score: i * 2, churned: i < 10 })));
    const days = Array.from({ length: 10 }, (_, d) => `2026-0${d < 5 ? 5 : 6}-1${d % 5}`);
    const points = days.flatMap((occurredOn) =>
      Array.from({ length: 10 }, (_, i) => ({ occurredOn, score: i * 10, churned: i < 3 })),
    );
    // Three churns a day: the later four days (12 churns) are held out, the earlier six fitted.
    const threshold = fitThreshold(points, { metric: 'precision', value: 0.9 });
    const out = renderReplyAsText(backtestReply({ model: 'm', report: r, misses: [], threshold }));
    expect(out).toContain('At-risk boundary fitted for precision 90 %, 90 days ahead');
    expect(out).toContain(
      '"At risk" below 21. On 40 later outcomes the fit never saw (2026-06-11 to 2026-06-14, 12 churned): precision 100 % against a base rate of 30 %, recall 100 %, 30 % flagged.',
    );
    expect(out).toContain(
      'Only 12 churn(s) and 28 other outcome(s) were held out: the held-out figures are uncertain.',
    );
    const refused = renderReplyAsText(
      backtestReply({
        model: 'm',
        report: r,
        misses: [],
        threshold: {
          target: { metric: 'recall', value: 0.5 },
          refused: 'Not enough data to fit a boundary: 4 scored outcome(s).',
        },
      }),
    );
    expect(refused).toContain('At-risk boundary fitted for recall 50 %, 90 days ahead');
    expect(refused).toContain('Not enough data to fit a boundary: 4 scored outcome(s).');
  });
});
