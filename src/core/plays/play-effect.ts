// Which plays work: for each play, cases where it ran to completion against cases with the same
// trigger where it did not run or was abandoned. Observational: the accounts a team chose to work
// differ from those it did not, so the difference is an association, not an effect, unless the
// play's system steps were randomised (holdout), which is reported separately.

import { appendTo } from '../collections/append-to.js';

export type CaseArm = 'completed' | 'not_run' | 'abandoned';

export interface PlayCase {
  playId: string;
  arm: CaseArm;
  /** Whether the run's system steps were held out at random (runs only). */
  heldOut?: boolean;
  /** Churned at the next renewal after the trigger; null while no renewal has been recorded. */
  churned: boolean | null;
  /** Health change 30 / 60 / 90 days after the trigger; null without a score then. */
  healthChange: { d30: number | null; d60: number | null; d90: number | null };
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export type Comparison =
  | {
      kind: 'measured';
      treated: { n: number; value: number };
      control: { n: number; value: number };
      /** Treated minus control, with its 95 % confidence interval. */
      difference: Interval;
    }
  | { kind: 'insufficient'; treated: number; control: number; minimum: number };

export interface PlayEffect {
  playId: string;
  cases: number;
  completed: number;
  notRun: number;
  abandoned: number;
  /** Renewed-or-churned cases so far, per arm. */
  churn: Comparison;
  health: { d30: Comparison; d60: Comparison; d90: Comparison };
  /** Randomised holdout of system steps: all runs with vs without them (intention to treat). */
  holdout?: Comparison;
}

const z = 1.959964;

function wilson(successes: number, n: number): [number, number] {
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [centre - half, centre + half];
}

/** Newcombe's hybrid score interval for a difference of two proportions (good at small n). */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number): Interval {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const d = p1 - p2;
  return {
    estimate: d,
    low: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    high: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  };
}

/** Student t 0.975 quantile (Cornish-Fisher expansion around the normal; within 0.2 % for df >= 3). */
function t975(df: number): number {
  const z3 = z ** 3;
  const z5 = z ** 5;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z ** 7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** Welch's interval for a difference of two means. */
export function meanDifference(a: readonly number[], b: readonly number[]): Interval {
  const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const variance = (x: readonly number[], m: number) => x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
  const ma = mean(a);
  const mb = mean(b);
  const va = variance(a, ma) / a.length;
  const vb = variance(b, mb) / b.length;
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1) || 1);
  const half = t975(Number.isFinite(df) && df > 0 ? df : a.length + b.length - 2) * se;
  return { estimate: ma - mb, low: ma - mb - half, high: ma - mb + half };
}

function churnComparison(treated: readonly PlayCase[], control: readonly PlayCase[], minimum: number): Comparison {
  const t = treated.filter((c) => c.churned !== null);
  const c = control.filter((x) => x.churned !== null);
  if (t.length < minimum || c.length < minimum)
    return { kind: 'insufficient', treated: t.length, control: c.length, minimum };
  const tx = t.filter((x) => x.churned).length;
  const cx = c.filter((x) => x.churned).length;
  return {
    kind: 'measured',
    treated: { n: t.length, value: tx / t.length },
    control: { n: c.length, value: cx / c.length },
    difference: proportionDifference(tx, t.length, cx, c.length),
  };
}

function healthComparison(
  treated: readonly PlayCase[],
  control: readonly PlayCase[],
  key: 'd30' | 'd60' | 'd90',
  minimum: number,
): Comparison {
  const t = treated.map((x) => x.healthChange[key]).filter((v): v is number => v !== null);
  const c = control.map((x) => x.healthChange[key]).filter((v): v is number => v !== null);
  if (t.length < minimum || c.length < minimum)
    return { kind: 'insufficient', treated: t.length, control: c.length, minimum };
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  return {
    kind: 'measured',
    treated: { n: t.length, value: mean(t) },
    control: { n: c.length, value: mean(c) },
    difference: meanDifference(t, c),
  };
}

/** Each play's comparison; below `minimum` cases with a known outcome per arm, "not enough cases yet". */
export function playEffects(cases: readonly PlayCase[], minimum = 10): PlayEffect[] {
  const byPlay = new Map<string, PlayCase[]>();
  for (const c of cases) appendTo(byPlay, c.playId, c);
  return [...byPlay].map(([playId, list]) => {
    const treated = list.filter((c) => c.arm === 'completed');
    const control = list.filter((c) => c.arm !== 'completed');
    const runs = list.filter((c) => c.arm !== 'not_run');
    const held = runs.filter((c) => c.heldOut);
    return {
      playId,
      cases: list.length,
      completed: treated.length,
      notRun: list.filter((c) => c.arm === 'not_run').length,
      abandoned: list.filter((c) => c.arm === 'abandoned').length,
      churn: churnComparison(treated, control, minimum),
      health: {
        d30: healthComparison(treated, control, 'd30', minimum),
        d60: healthComparison(treated, control, 'd60', minimum),
        d90: healthComparison(treated, control, 'd90', minimum),
      },
      ...(held.length
        ? {
            holdout: churnComparison(
              runs.filter((c) => !c.heldOut),
              held,
              minimum,
            ),
          }
        : {}),
    };
  });
}
