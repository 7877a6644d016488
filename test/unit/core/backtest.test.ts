import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from '../../../src/core/backtest/auc.js';
import { backtest, defaultBacktestOptions } from '../../../src/core/backtest/backtest.js';
import {
  calibrateWeights,
  InsufficientHistory,
  suggestAtRiskBoundary,
  wholePercent,
  type CalibrationRow,
} from '../../../src/core/backtest/calibrate-weights.js';
import type { OutcomeFact, Scorer, SnapshotFact } from '../../../src/core/backtest/outcome-facts.js';
import { replayScorer } from '../../../src/core/backtest/replay-model.js';
import { builtInPresets } from '../../../src/core/presets/built-in-presets.js';

describe('AUC', () => {
  it('is the share of (churned, renewed) pairs ranked right, ties half', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: three of four pairs right.
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auc([1, 1], [true, false])).toBe(0.5);
    expect(auc([1, 2, 3], [false, false, false])).toBeNull();
  });

  it('is about 0.5 for a score that is pure noise', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const risks = Array.from({ length: 4000 }, random);
    const churned = Array.from({ length: 4000 }, () => random() < 0.2);
    expect(Math.abs(auc(risks, churned)! - 0.5)).toBeLessThan(0.03);
  });
});

// A small history checked by hand: four accounts scored monthly, their outcomes on 30 June.
const at = (day: string) => `${day}T00:00:00.000Z`;
const months = ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'];
const scores: Record<string, number[]> = {
  A: [70, 55, 50, 45], // churned, flagged from March: a catch with 91 days' notice
  B: [80, 82, 85, 84], // renewed
  C: [65, 62, 58, 61], // contracted
  D: [75, 76, 74, 72], // churned while healthy: a miss
};
const snapshots = new Map<string, SnapshotFact[]>(
  Object.entries(scores).map(([account, values]) => [
    account,
    values.map((overall, i) => ({
      id: `${account}${i}`,
      accountId: account,
      computedAt: at(months[i]!),
      overall,
      band: overall < 60 ? 'red' : 'green',
      dimensions: {},
      modelId: 'm',
      modelVersion: '1',
    })),
  ]),
);
snapshots.set('E', [
  {
    id: 'E0',
    accountId: 'E',
    computedAt: at('2026-01-01'),
    overall: 90,
    band: 'green',
    dimensions: {},
    modelId: 'm',
    modelVersion: '1',
  },
]);
const kinds: Record<string, OutcomeFact['kind']> = {
  A: 'churned',
  B: 'renewed',
  C: 'contracted',
  D: 'churned',
  E: 'renewed',
};
const outcomes: OutcomeFact[] = Object.entries(kinds).map(([account, kind]) => ({
  id: `o-${account}`,
  accountId: account,
  accountName: `Account ${account}`,
  kind,
  occurredOn: '2026-06-30',
  arrBefore: 100,
  arrAfter: kind === 'churned' ? 0 : 100,
}));
const asStored: Scorer = (s) =>
  s.overall === null
    ? undefined
    : {
        score: s.overall,
        band: s.band,
        bandLabel: s.band === 'red' ? 'Red' : 'Green',
        atRisk: s.band === 'red',
      };
const bands = [
  { key: 'red', label: 'Red', atRisk: true },
  { key: 'green', label: 'Green', atRisk: false },
];

describe('backtest', () => {
  const report = backtest(outcomes, snapshots, asStored, bands, defaultBacktestOptions);

  it('reads each score 30, 60 and 90 days before the outcome', () => {
    const [h30, h60, h90] = report.horizons;
    expect(report.outcomes).toEqual({ total: 5, churned: 2, contracted: 1, expanded: 0, renewed: 2 });
    // E's last score is five months old at every horizon: not scored then.
    expect(report.horizons.map((h) => [h.days, h.scored, h.unscored])).toEqual([
      [30, 4, 1],
      [60, 4, 1],
      [90, 4, 1],
    ]);
    // Two churns against two others: too few for an AUC (not enough data, never a number).
    expect([h30!.aucChurn, h30!.aucChurnInterval, h30!.aucContraction]).toEqual([null, null, null]);
    // 30 days: A 45, B 84, C 61, D 72; half the scored accounts churned (the base rate).
    expect(h30!.churn).toEqual({
      positives: 2,
      flagged: 1,
      truePositives: 1,
      precision: 1,
      baseRate: 0.5,
      recall: 0.5,
    });
    expect(h30!.contraction).toEqual({
      positives: 1,
      flagged: 0,
      truePositives: 0,
      precision: null,
      baseRate: 0.5,
      recall: 0,
    });
    // 60 days (scores of 30 April): A 50 and C 58 are flagged; one of them churned.
    expect(h60!.churn).toEqual({
      positives: 2,
      flagged: 2,
      truePositives: 1,
      precision: 0.5,
      baseRate: 0.5,
      recall: 0.5,
    });
    expect(h60!.contraction).toEqual({
      positives: 1,
      flagged: 1,
      truePositives: 1,
      precision: 1,
      baseRate: 0.5,
      recall: 1,
    });
    expect(h90!.churn.precision).toBe(1);
  });

  it('measures lead time from the first flag of the run that lasted to the outcome', () => {
    // At 90 days the flag's precision (100 %) beats the base rate (50 %): the lead time is given.
    expect(report.leadTime).toEqual({ medianDays: 91, flaggedChurns: 1, churns: 2, withheld: false });
  });

  it('tabulates churn per band and lists the accounts that churned while scored healthy', () => {
    expect(report.calibration).toEqual({
      horizon: 90,
      bands: [
        { band: 'red', label: 'Red', atRisk: true, outcomes: 1, churned: 1, contracted: 0, churnRatePct: 100 },
        { band: 'green', label: 'Green', atRisk: false, outcomes: 3, churned: 1, contracted: 1, churnRatePct: 33.3 },
      ],
    });
    expect(report.misses).toEqual([
      expect.objectContaining({ accountName: 'Account D', score: 76, band: 'green', snapshotId: 'D1' }),
    ]);
  });

  it('is deterministic whatever the order it is given', () => {
    const shuffled = [...outcomes].reverse();
    expect(backtest(shuffled, snapshots, asStored, bands)).toEqual(report);
  });
});

describe('backtest without a score to read', () => {
  // A "not enough data" snapshot has no overall and no dimensions; it must never count as flagged.
  const gap = (account: string, day: string): SnapshotFact => ({
    id: `${account}-gap-${day}`,
    accountId: account,
    computedAt: at(day),
    overall: null,
    band: 'insufficient-data',
    dimensions: {},
    modelId: 'm',
    modelVersion: '1',
  });
  const withGaps = new Map(snapshots);
  withGaps.set('F', [gap('F', '2026-03-31'), gap('F', '2026-04-30'), gap('F', '2026-05-31')]);
  withGaps.set('A', [...snapshots.get('A')!.slice(0, 3), gap('A', '2026-05-31')]);
  const gapOutcomes: OutcomeFact[] = [
    ...outcomes,
    { ...outcomes[0]!, id: 'o-F', accountId: 'F', accountName: 'Account F', kind: 'churned' },
  ];
  const report = backtest(gapOutcomes, withGaps, asStored, bands, defaultBacktestOptions);

  it('counts accounts with only "not enough data" as unscored, never as flagged', () => {
    const h30 = report.horizons[0]!;
    // F (gap) and A (gap at 31 May) are unscored 30 days ahead, as is E (score too old).
    expect([h30.scored, h30.unscored, h30.insufficientData]).toEqual([3, 3, 2]);
    expect(h30.churn).toMatchObject({ positives: 1, flagged: 0 });
    expect(report.warnings.some((w) => w.includes('2 outcome(s) had "not enough data to score"'))).toBe(false);
    expect(report.warnings.some((w) => w.includes('"not enough data to score" 90 days ahead'))).toBe(true);
  });

  it('ends a run of flags at a gap: lead time is measured from flags that lasted to the outcome', () => {
    // A was flagged from March to April, then had no score in May: no run reaches the outcome.
    expect(report.leadTime).toEqual({ medianDays: null, flaggedChurns: 0, churns: 3, withheld: false });
  });

  it('says n/a for precision where there was no such outcome', () => {
    const renewalsOnly = outcomes.map((o) => ({ ...o, kind: o.kind === 'contracted' ? ('renewed' as const) : o.kind }));
    const r = backtest(renewalsOnly, snapshots, asStored, bands);
    expect(r.horizons[1]!.contraction).toMatchObject({ positives: 0, precision: null, recall: null });
  });
});

describe('backtest of a score that predicts nothing', () => {
  // 400 accounts, churn decided by a coin independent of the score: the AUC must say so.
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const n = 400;
  const series = new Map<string, SnapshotFact[]>();
  const facts: OutcomeFact[] = [];
  for (let i = 0; i < n; i++) {
    const id = `r${i}`;
    const overall = Math.round(random() * 100);
    series.set(id, [
      {
        id: `${id}s`,
        accountId: id,
        computedAt: at('2026-03-31'),
        overall,
        band: 'x',
        dimensions: {},
        modelId: 'm',
        modelVersion: '1',
      },
    ]);
    facts.push({
      id: `o${i}`,
      accountId: id,
      accountName: id,
      kind: random() < 0.3 ? 'churned' : 'renewed',
      occurredOn: '2026-06-30',
      arrBefore: 1,
      arrAfter: 1,
    });
  }
  const everyoneFlagged: Scorer = (s) =>
    s.overall === null ? undefined : { score: s.overall, band: 'red', bandLabel: 'Red', atRisk: true };

  it('gives an AUC near 0.5 and warns that flags on every account are uninformative', () => {
    const r = backtest(facts, series, everyoneFlagged, bands, { ...defaultBacktestOptions, maxSnapshotAgeDays: 120 });
    const h90 = r.horizons.find((h) => h.days === 90)!;
    expect(h90.scored).toBe(n);
    expect(Math.abs(h90.aucChurn! - 0.5)).toBeLessThanOrEqual(0.1);
    expect(h90.flagRate).toBe(1);
    expect(h90.churn.recall).toBe(1);
    expect(r.warnings.join(' ')).toMatch(
      /100 % of the outcomes scored 90 days ahead were flagged at risk: the flag is uninformative/,
    );
  });

  it('says nothing of the kind when the flags separate', () => {
    const byScore: Scorer = (s) =>
      s.overall === null ? undefined : { score: s.overall, band: 'x', bandLabel: 'X', atRisk: s.overall < 40 };
    const r = backtest(facts, series, byScore, bands, { ...defaultBacktestOptions, maxSnapshotAgeDays: 120 });
    expect(r.warnings.filter((w) => w.includes('uninformative'))).toEqual([]);
  });
});

describe('replaying a model over stored dimension scores', () => {
  const model = builtInPresets.get('bis-table')!.model!;
  const snapshot = (dimensions: Record<string, number | null>): SnapshotFact => ({
    id: 's',
    accountId: 'a',
    computedAt: at('2026-05-01'),
    overall: 0,
    band: '',
    dimensions,
    modelId: 'x',
    modelVersion: '1',
  });

  it('weights, rounds and bands as the model says, renormalising over missing dimensions', () => {
    const replay = replayScorer(model);
    // 30/25/20/15/10 of 80, 60, 40, 100, 0 = 24 + 15 + 8 + 15 + 0 = 62: at risk (60-80).
    expect(replay(snapshot({ usage: 80, business_value: 60, support: 40, relationship: 100, expansion: 0 }))).toEqual({
      score: 62,
      band: 'at_risk',
      bandLabel: expect.any(String),
      atRisk: true,
    });
    // Without support: (24 + 15 + 15 + 0) / 80 x 100 = 67.5.
    expect(
      replay(snapshot({ usage: 80, business_value: 60, support: null, relationship: 100, expansion: 0 }))!.score,
    ).toBe(67.5);
  });

  it('leaves a snapshot unscored when it had no score or its dimensions fall below the coverage floor', () => {
    const replay = replayScorer(model);
    expect(replay({ ...snapshot({}), overall: null })).toBeUndefined();
    // Only usage (30 % of the weight) has data: below the default floor of 50 %.
    expect(
      replay(snapshot({ usage: 80, business_value: null, support: null, relationship: null, expansion: null })),
    ).toBeUndefined();
  });

  it('refuses a model whose dimensions the snapshots do not have', () => {
    expect(() => replayScorer(model)(snapshot({ usage: 50 }))).toThrow(/needs usage, business_value/);
  });
});

/** Outcomes whose churn depends on known weights over dimension shortfalls, with noise. */
function syntheticHistory(truth: Record<string, number>, n: number, seed: number): CalibrationRow[] {
  let s = seed;
  const random = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const dims = Object.keys(truth);
  return Array.from({ length: n }, (_, i) => {
    const dimensions = Object.fromEntries(dims.map((d) => [d, Math.round(20 + random() * 80)]));
    const z = -1.5 + dims.reduce((sum, d) => sum + truth[d]! * ((100 - dimensions[d]!) / 100), 0) + (random() - 0.5);
    return {
      occurredOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      dimensions,
      churned: random() < 1 / (1 + Math.exp(-z)),
    };
  });
}

describe('calibration', () => {
  it('recovers which dimensions drive churn, in order, and gives none to a dimension that does not', () => {
    const rows = syntheticHistory({ usage: 5, relationship: 3, support: 1.5, expansion: 0 }, 1500, 3);
    const result = calibrateWeights(rows, ['usage', 'relationship', 'support', 'expansion']);
    const w = result.weights;
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(100);
    expect(w.usage!).toBeGreaterThan(w.relationship!);
    expect(w.relationship!).toBeGreaterThan(w.support!);
    expect(w.support!).toBeGreaterThan(w.expansion!);
    expect(w.expansion!).toBeLessThanOrEqual(5);
    expect(result.crossValidation.find((c) => c.lambda === result.lambda)!.meanAuc!).toBeGreaterThan(0.7);
  });

  it('refuses too little history with what it needs', () => {
    const rows = syntheticHistory({ usage: 3 }, 20, 1);
    expect(() => calibrateWeights(rows, ['usage'])).toThrow(InsufficientHistory);
    expect(() => calibrateWeights(rows, ['usage'])).toThrow(/at least 60 outcomes and 15 churns/);
  });

  it('always gives whole weights that sum to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 8 }), (values) => {
        const raw = Object.fromEntries(values.map((v, i) => [`d${i}`, v]));
        const w = wholePercent(raw);
        const total = Object.values(w).reduce((a, b) => a + b, 0);
        expect(total).toBe(values.some((v) => v > 0) ? 100 : 0);
        for (const v of Object.values(w)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      }),
    );
  });

  it('gives every dimension at least 1 % (a model needs positive weights), the rest summing to 100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.double({ min: -3, max: 8, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (seed, effects) => {
          const truth = Object.fromEntries(effects.map((e, i) => [`d${i}`, e]));
          const options = { minOutcomes: 60, minChurns: 5, lambdas: [1], folds: 2 };
          let weights: Record<string, number>;
          try {
            weights = calibrateWeights(syntheticHistory(truth, 300, seed), Object.keys(truth), options).weights;
          } catch (error) {
            // Too few churns, or no dimension that raises churn: refused, not fitted.
            expect((error as Error).message).toMatch(/Too little history|No dimension raises/);
            return;
          }
          expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBe(100);
          for (const w of Object.values(weights)) expect(Number.isInteger(w) && w >= 1).toBe(true);
        },
      ),
      { numRuns: 40, seed: 20_261_202 },
    );
  });

  it('never lowers a dimension’s weight when its evidence gets stronger', () => {
    // Same outcomes; the accounts that churned had worse usage than recorded (by `shift` points).
    const options = { minOutcomes: 60, minChurns: 5, lambdas: [1], folds: 2 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 30 }), (seed, shift) => {
        const rows = syntheticHistory({ usage: 2, support: 2 }, 400, seed);
        const stronger = rows.map((r) =>
          r.churned ? { ...r, dimensions: { ...r.dimensions, usage: Math.max(0, r.dimensions.usage! - shift) } } : r,
        );
        const weak = calibrateWeights(rows, ['usage', 'support'], options);
        const strong = calibrateWeights(stronger, ['usage', 'support'], options);
        expect(strong.weights.usage!).toBeGreaterThanOrEqual(weak.weights.usage!);
      }),
      { numRuns: 60, seed: 20_261_202 },
    );
  });

  it('suggests the at-risk boundary that best separates churn from renewal', () => {
    const points = [
      ...[30, 40, 50, 55].map((score) => ({ score, churned: true })),
      ...[58, 70, 80, 90].map((score) => ({ score, churned: false })),
    ];
    expect(suggestAtRiskBoundary(points)).toEqual({ boundary: 56, recall: 1, falseAlarmRate: 0 });
  });
});
