import { minAucCases } from './auc-interval.js';
import { splitByDay } from './time-split.js';

/** What the at-risk boundary is fitted for: at least this precision (most recall), or this recall (most precision). */
export interface ThresholdTarget {
  metric: 'precision' | 'recall';
  /** 0..1, exclusive. */
  value: number;
}

/** One outcome as the threshold fit sees it: the score some days before, and whether it churned. */
export interface ThresholdPoint {
  occurredOn: string;
  score: number;
  churned: boolean;
}

export interface FlagFigures {
  from: string;
  to: string;
  outcomes: number;
  churns: number;
  /** Share of the outcomes flagged ("at risk" below the boundary), and of the flagged that churned. */
  flagRate: number;
  /** Null when nothing was flagged. */
  precision: number | null;
  recall: number;
  /** Share of the outcomes that churned: precision flagging at random would give. */
  baseRate: number;
}

export interface ThresholdFit {
  target: ThresholdTarget;
  /** "At risk" below this score. */
  boundary: number;
  /** Share of the outcomes (oldest first, by day) the boundary was fitted on. */
  trainShare: number;
  fitted: FlagFigures;
  /** The headline: the boundary on the later outcomes the fit never saw. */
  heldOut: FlagFigures;
}

/** Why no boundary was fitted, in a sentence a person reads. */
export class ThresholdRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThresholdRefusal';
  }
}

function figures(points: readonly ThresholdPoint[], boundary: number): FlagFigures {
  const churns = points.filter((p) => p.churned).length;
  const flagged = points.filter((p) => p.score < boundary);
  const caught = flagged.filter((p) => p.churned).length;
  return {
    from: points[0]?.occurredOn ?? '',
    to: points.at(-1)?.occurredOn ?? '',
    outcomes: points.length,
    churns,
    flagRate: flagged.length / points.length,
    precision: flagged.length ? caught / flagged.length : null,
    recall: churns ? caught / churns : 0,
    baseRate: churns / points.length,
  };
}

/**
 * Fits the at-risk boundary (a whole score 1..100, "at risk" below it) to a team's outcomes: on the
 * earlier 70 % by day, the boundary that reaches the target precision with the most recall, or the
 * target recall with the most precision; then reports it on the later outcomes the fit never saw.
 * Refuses (ThresholdRefusal) with fewer than 10 churns or 10 other outcomes on either side of the
 * split, or when no boundary reaches the target on the fitted outcomes. Deterministic.
 */
export function fitThreshold(
  points: readonly ThresholdPoint[],
  target: ThresholdTarget,
  trainShare = 0.7,
): ThresholdFit {
  const ordered = [...points].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.score - b.score);
  const enough = (rows: readonly ThresholdPoint[]) => {
    const churns = rows.filter((p) => p.churned).length;
    return churns >= minAucCases && rows.length - churns >= minAucCases;
  };
  const split = splitByDay(
    ordered,
    (p) => p.occurredOn,
    trainShare,
    ({ train, test }) => enough(train) && enough(test),
  );
  if (!split || !enough(split.train) || !enough(split.test)) {
    const churns = ordered.filter((p) => p.churned).length;
    throw new ThresholdRefusal(
      `Not enough data to fit a boundary: ${ordered.length} scored outcome(s), ${churns} churned; fitting on the earlier outcomes and checking on the later ones needs at least ${minAucCases} churns and ${minAucCases} other outcomes on each side, on more than one day.`,
    );
  }
  const candidates = Array.from({ length: 100 }, (_, i) => ({ boundary: i + 1, f: figures(split.train, i + 1) }));
  const reaching = candidates.filter(({ f }) =>
    target.metric === 'precision' ? f.precision !== null && f.precision >= target.value : f.recall >= target.value,
  );
  if (!reaching.length) {
    const best = Math.max(
      ...candidates.map(({ f }) => (target.metric === 'precision' ? (f.precision ?? 0) : f.recall)),
    );
    throw new ThresholdRefusal(
      `No boundary reaches ${target.metric} ${Math.round(target.value * 100)} % on the ${split.train.length} fitted outcomes (the best is ${Math.round(best * 100)} %): ask for less, or improve the model first.`,
    );
  }
  // Precision target: the most recall (then the lower boundary); recall target: the most precision.
  const other = (f: FlagFigures) => (target.metric === 'precision' ? f.recall : (f.precision ?? 0));
  const chosen = [...reaching].sort((a, b) => other(b.f) - other(a.f) || a.boundary - b.boundary)[0]!;
  return {
    target,
    boundary: chosen.boundary,
    trainShare,
    fitted: chosen.f,
    heldOut: figures(split.test, chosen.boundary),
  };
}
