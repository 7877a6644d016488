/** A 95 % interval, both ends within 0..1. */
export interface Interval {
  low: number;
  high: number;
}

/** Fewer cases than this on either side (churned, or not) and an AUC is "not enough data", not a number. */
export const minAucCases = 10;

/** Fewer cases than this on either side and the figures stand, with a warning that they are uncertain. */
export const fewCases = 30;

/**
 * The 95 % interval of an AUC from its standard error as Hanley and McNeil (1982) give it, from the
 * AUC and the two sides' sizes alone (deterministic, no resampling). At an AUC of exactly 0 or 1 that
 * error is 0, which would claim certainty from a handful of cases: the error is taken at the AUC with
 * half a pair moved the other way, so a perfect split still has an interval.
 */
export function aucInterval(auc: number, positives: number, negatives: number): Interval {
  const pairs = positives * negatives;
  const a = Math.min(Math.max(auc, 0.5 / pairs), 1 - 0.5 / pairs);
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const variance = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a)) / pairs;
  const half = 1.96 * Math.sqrt(Math.max(variance, 0));
  return { low: Math.max(0, auc - half), high: Math.min(1, auc + half) };
}

/** Whether an interval leaves a coin toss (0.5) possible. */
export const includesChance = (interval: Interval): boolean => interval.low <= 0.5 && interval.high >= 0.5;
