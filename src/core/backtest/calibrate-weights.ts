import { auc } from './auc.js';
import { fitLogistic, logOdds, type LogisticFit } from './logistic-regression.js';

/** One outcome as the fit sees it: the dimension scores some days before, and whether it churned. */
export interface CalibrationRow {
  occurredOn: string;
  dimensions: Record<string, number | null>;
  churned: boolean;
}

export interface CalibrationOptions {
  /** Fewer outcomes (or churns) than this gives a clear refusal, not a fit. */
  minOutcomes: number;
  minChurns: number;
  /** Ridge strengths tried; the one with the best out-of-time AUC is used. */
  lambdas: number[];
  /** Forward-chaining folds: train on the earlier outcomes, test on the next block. */
  folds: number;
}

export const defaultCalibrationOptions: CalibrationOptions = {
  minOutcomes: 60,
  minChurns: 15,
  lambdas: [0.1, 1, 10, 100],
  folds: 4,
};

export class InsufficientHistory extends Error {
  constructor(
    readonly outcomes: number,
    readonly churns: number,
    readonly needed: { outcomes: number; churns: number },
  ) {
    super(
      `Too little history to calibrate: ${outcomes} outcome(s) with a score before them, ${churns} churned; ` +
        `a fit needs at least ${needed.outcomes} outcomes and ${needed.churns} churns. Import past renewals ` +
        `(tend import <file.csv> --kind outcomes) and keep scoring; the backtest works with less.`,
    );
    this.name = 'InsufficientHistory';
  }
}

export interface CalibrationResult {
  dimensions: string[];
  /**
   * New weights, whole percent summing to 100. A dimension the fit found no use for keeps 1 %: a
   * model needs positive weights, and its data stays in explanations.
   */
  weights: Record<string, number>;
  /** Log-odds of churn per point of dimension shortfall (100 - score), as fitted. */
  coefficients: Record<string, number>;
  lambda: number;
  /** Mean AUC on the later block of each forward-chaining fold, per ridge strength tried. */
  crossValidation: { lambda: number; meanAuc: number | null }[];
  outcomes: number;
  churns: number;
  /** Dimensions whose fitted effect was protective or nil: the 1 % floor. */
  dropped: string[];
}

/** Shares of `of` (100) in whole numbers that sum to exactly `of` (largest remainder). */
export function wholePercent(raw: Record<string, number>, of = 100): Record<string, number> {
  const keys = Object.keys(raw);
  const total = keys.reduce((s, k) => s + raw[k]!, 0);
  if (total <= 0) return Object.fromEntries(keys.map((k) => [k, 0]));
  const exact = keys.map((k) => ({ k, v: (raw[k]! / total) * of }));
  const floors = exact.map((e) => ({ ...e, f: Math.floor(e.v) }));
  let left = of - floors.reduce((s, e) => s + e.f, 0);
  for (const e of [...floors].sort((a, b) => b.v - b.f - (a.v - a.f) || a.k.localeCompare(b.k))) {
    if (left <= 0) break;
    e.f++;
    left--;
  }
  return Object.fromEntries(floors.map((e) => [e.k, e.f]));
}

/** Shortfall features (0..1, higher = worse); a missing score takes the dimension's mean. */
function features(rows: readonly CalibrationRow[], dimensions: readonly string[]): number[][] {
  const means = dimensions.map((d) => {
    const present = rows.map((r) => r.dimensions[d]).filter((v): v is number => typeof v === 'number');
    return present.length ? present.reduce((s, v) => s + v, 0) / present.length : 50;
  });
  return rows.map((r) => dimensions.map((d, j) => (100 - (r.dimensions[d] ?? means[j]!)) / 100));
}

/**
 * Fits dimension weights from outcomes: a regularised logistic regression of churn on each
 * dimension's shortfall, its strength chosen by forward-chaining cross-validation over time (never
 * trained on the future), then weights proportional to the fitted effects. A dimension whose
 * shortfall does not raise the odds of churn gets no weight. Deterministic.
 */
export function calibrateWeights(
  rows: readonly CalibrationRow[],
  dimensions: readonly string[],
  options: CalibrationOptions = defaultCalibrationOptions,
): CalibrationResult {
  const ordered = [...rows].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  const churns = ordered.filter((r) => r.churned).length;
  if (ordered.length < options.minOutcomes || churns < options.minChurns)
    throw new InsufficientHistory(ordered.length, churns, { outcomes: options.minOutcomes, churns: options.minChurns });
  const x = features(ordered, dimensions);
  const y = ordered.map((r) => r.churned);

  const block = Math.floor(ordered.length / (options.folds + 1));
  const crossValidation = options.lambdas.map((lambda) => {
    const aucs: number[] = [];
    for (let k = 1; k <= options.folds; k++) {
      const trainEnd = block * k;
      const testEnd = k === options.folds ? ordered.length : block * (k + 1);
      const trainY = y.slice(0, trainEnd);
      if (!trainY.some(Boolean) || trainY.every(Boolean)) continue;
      const fit = fitLogistic(x.slice(0, trainEnd), trainY, lambda);
      const a = auc(
        x.slice(trainEnd, testEnd).map((row) => logOdds(fit, row)),
        y.slice(trainEnd, testEnd),
      );
      if (a !== null) aucs.push(a);
    }
    return { lambda, meanAuc: aucs.length ? aucs.reduce((s, v) => s + v, 0) / aucs.length : null };
  });
  const best = [...crossValidation].sort((a, b) => (b.meanAuc ?? -1) - (a.meanAuc ?? -1) || a.lambda - b.lambda)[0]!;
  const fit: LogisticFit = fitLogistic(x, y, best.lambda);
  const raw = Object.fromEntries(dimensions.map((d, j) => [d, Math.max(0, fit.coefficients[j]!)]));
  if (Object.values(raw).every((v) => v === 0))
    throw new Error('No dimension raises the odds of churn in this history; the current weights stay.');
  // A dimension whose share rounds to nothing joins the dropped ones at the 1 % floor.
  let dropped = dimensions.filter((d) => raw[d] === 0);
  let kept: Record<string, number> = {};
  for (;;) {
    const live = dimensions.filter((d) => !dropped.includes(d));
    kept = wholePercent(Object.fromEntries(live.map((d) => [d, raw[d]!])), 100 - dropped.length);
    const vanished = live.filter((d) => kept[d] === 0);
    if (!vanished.length) break;
    dropped = [...dropped, ...vanished];
  }
  return {
    dimensions: [...dimensions],
    weights: Object.fromEntries(dimensions.map((d) => [d, kept[d] ?? 1])),
    coefficients: Object.fromEntries(dimensions.map((d, j) => [d, fit.coefficients[j]! / 100])),
    lambda: best.lambda,
    crossValidation,
    outcomes: ordered.length,
    churns,
    dropped,
  };
}

/**
 * The at-risk boundary that best separates churn from renewal on these scores (Youden's J: recall
 * minus false-alarm rate, for "score below t"), among whole scores 1..99; ties take the lower t.
 */
export function suggestAtRiskBoundary(
  points: readonly { score: number; churned: boolean }[],
): { boundary: number; recall: number; falseAlarmRate: number } | null {
  const positives = points.filter((p) => p.churned).length;
  const negatives = points.length - positives;
  if (!positives || !negatives) return null;
  let best: { boundary: number; recall: number; falseAlarmRate: number; j: number } | null = null;
  for (let t = 1; t <= 99; t++) {
    const recall = points.filter((p) => p.churned && p.score < t).length / positives;
    const falseAlarmRate = points.filter((p) => !p.churned && p.score < t).length / negatives;
    const j = recall - falseAlarmRate;
    if (!best || j > best.j + 1e-12) best = { boundary: t, recall, falseAlarmRate, j };
  }
  return { boundary: best!.boundary, recall: best!.recall, falseAlarmRate: best!.falseAlarmRate };
}
