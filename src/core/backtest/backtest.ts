import { auc } from './auc.js';
import { aucInterval, minAucCases, type Interval } from './auc-interval.js';
import { backtestWarnings, flagBeatsBaseRate } from './backtest-warnings.js';
import { dayMs, dayOf, type OutcomeFact, type ScoredPoint, type Scorer, type SnapshotFact } from './outcome-facts.js';

export interface BacktestOptions {
  /** Days before each outcome at which the score is read. */
  horizons: number[];
  /** The horizon of the calibration table and the list of misses. */
  focusHorizon: number;
  /** A score older than this at the reading point does not count (the account was not scored then). */
  maxSnapshotAgeDays: number;
  /** How far back the first at-risk flag before an outcome is looked for. */
  leadWindowDays: number;
}

export const defaultBacktestOptions: BacktestOptions = {
  horizons: [30, 60, 90],
  focusHorizon: 90,
  maxSnapshotAgeDays: 45,
  leadWindowDays: 365,
};

export interface FlagQuality {
  /** Outcomes of this kind scored at the horizon. */
  positives: number;
  flagged: number;
  truePositives: number;
  /** Share of flagged accounts that had this outcome; null when nothing was flagged or no such outcome exists. */
  precision: number | null;
  /** Share of all the scored accounts that had this outcome: what flagging at random would give as precision. */
  baseRate: number | null;
  /** Share of these outcomes that were flagged; null without any. */
  recall: number | null;
}

export interface HorizonResult {
  days: number;
  /** Outcomes with a score at the horizon, and without one (not scored then, or not enough data). */
  scored: number;
  unscored: number;
  /** Of the unscored: a snapshot said "not enough data to score" at the horizon. */
  insufficientData: number;
  /** Share of the scored outcomes flagged at risk, 0..1; null when none was scored. */
  flagRate: number | null;
  /**
   * Churned vs everything else, and contracted vs renewed or expanded; higher risk = lower score.
   * Null ("not enough data") when either side has fewer than `minAucCases` scored outcomes.
   */
  aucChurn: number | null;
  aucContraction: number | null;
  /** Their 95 % intervals (Hanley-McNeil), null with the AUC. */
  aucChurnInterval: Interval | null;
  aucContractionInterval: Interval | null;
  churn: FlagQuality;
  contraction: FlagQuality;
}

export interface BandRow {
  band: string;
  label: string;
  atRisk: boolean;
  outcomes: number;
  churned: number;
  contracted: number;
  /** Percent of this band's outcomes that churned; null when empty. */
  churnRatePct: number | null;
}

export interface Miss {
  outcomeId: string;
  accountId: string;
  accountName: string;
  occurredOn: string;
  score: number;
  band: string;
  bandLabel: string;
  snapshotId: string;
  scoredAt: string;
}

export interface BacktestReport {
  outcomes: { total: number; churned: number; contracted: number; expanded: number; renewed: number };
  horizons: HorizonResult[];
  /** Days from the first at-risk flag (of the run that lasted to the outcome) to the outcome. */
  leadTime: {
    /** Null when no churn was flagged ahead, or when withheld. */
    medianDays: number | null;
    flaggedChurns: number;
    churns: number;
    /**
     * True when the lead time is not given because the at-risk flag does not beat the base rate at
     * the focus horizon (see `flagBeatsBaseRate`): flagging nearly everyone early makes any lead time long.
     */
    withheld: boolean;
  };
  calibration: { horizon: number; bands: BandRow[] };
  /** Churned while scored healthy at the focus horizon, oldest first. */
  misses: Miss[];
  /** What makes the figures above weaker than they look (uninformative flags, few outcomes). */
  warnings: string[];
}

/** The band order and labels of the model that scores, for the calibration table. */
export interface BandInfo {
  key: string;
  label: string;
  atRisk: boolean;
}

/** The latest snapshot at or before `at`, if it is not older than `maxAgeDays`. */
export function snapshotAt(series: readonly SnapshotFact[], at: number, maxAgeDays: number): SnapshotFact | undefined {
  let found: SnapshotFact | undefined;
  for (const s of series) {
    const t = dayOf(s.computedAt);
    if (t > at) break;
    found = s;
  }
  return found && at - dayOf(found.computedAt) <= maxAgeDays * dayMs ? found : undefined;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

function flagQuality(points: { flagged: boolean; positive: boolean }[]): FlagQuality {
  const positives = points.filter((p) => p.positive).length;
  const flagged = points.filter((p) => p.flagged).length;
  const truePositives = points.filter((p) => p.flagged && p.positive).length;
  return {
    positives,
    flagged,
    truePositives,
    // With no such outcome there is nothing to be precise about: n/a, not 0 %.
    precision: positives ? ratio(truePositives, flagged) : null,
    baseRate: ratio(positives, points.length),
    recall: ratio(truePositives, positives),
  };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each outcome with the score its account had `days` before, when it had one (oldest outcome first). */
export function readingsAt(
  outcomes: readonly OutcomeFact[],
  series: ReadonlyMap<string, readonly SnapshotFact[]>,
  score: Scorer,
  days: number,
  maxSnapshotAgeDays = defaultBacktestOptions.maxSnapshotAgeDays,
): { outcome: OutcomeFact; point: ScoredPoint }[] {
  return [...outcomes]
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id.localeCompare(b.id))
    .flatMap((outcome) => {
      const snapshot = snapshotAt(
        series.get(outcome.accountId) ?? [],
        dayOf(outcome.occurredOn) - days * dayMs,
        maxSnapshotAgeDays,
      );
      const point = snapshot && score(snapshot);
      return point ? [{ outcome, point }] : [];
    });
}

/**
 * Checks scores against what really happened: for every outcome, the score the model gave the
 * account some days before it. Deterministic: the same outcomes, snapshots and model give the same
 * report. `series` holds each account's snapshots, oldest first.
 */
export function backtest(
  outcomes: readonly OutcomeFact[],
  series: ReadonlyMap<string, readonly SnapshotFact[]>,
  score: Scorer,
  bands: readonly BandInfo[],
  options: BacktestOptions = defaultBacktestOptions,
): BacktestReport {
  const ordered = [...outcomes].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id.localeCompare(b.id));
  const count = (kind: OutcomeFact['kind']) => ordered.filter((o) => o.kind === kind).length;
  type Reading = { snapshot: SnapshotFact; point: ScoredPoint | undefined };
  const reading = (o: OutcomeFact, days: number): Reading | undefined => {
    const snapshot = snapshotAt(
      series.get(o.accountId) ?? [],
      dayOf(o.occurredOn) - days * dayMs,
      options.maxSnapshotAgeDays,
    );
    return snapshot ? { snapshot, point: score(snapshot) } : undefined;
  };
  const scoredReadings = (days: number) =>
    ordered
      .map((o) => ({ o, r: reading(o, days) }))
      .flatMap((x) => (x.r?.point ? [{ o: x.o, r: { snapshot: x.r.snapshot, point: x.r.point } }] : []));

  const horizons = options.horizons.map((days): HorizonResult => {
    const read = scoredReadings(days);
    const risk = (x: (typeof read)[number]) => 100 - x.r.point.score;
    const notChurned = read.filter((x) => x.o.kind !== 'churned');
    const churnAuc = aucOf(
      read.map(risk),
      read.map((x) => x.o.kind === 'churned'),
    );
    const contractionAuc = aucOf(
      notChurned.map(risk),
      notChurned.map((x) => x.o.kind === 'contracted'),
    );
    const insufficientData = ordered.filter((o) => {
      const r = reading(o, days);
      return r !== undefined && r.point === undefined;
    }).length;
    return {
      days,
      scored: read.length,
      unscored: ordered.length - read.length,
      insufficientData,
      flagRate: read.length ? read.filter((x) => x.r.point.atRisk).length / read.length : null,
      aucChurn: churnAuc.value,
      aucChurnInterval: churnAuc.interval,
      aucContraction: contractionAuc.value,
      aucContractionInterval: contractionAuc.interval,
      churn: flagQuality(read.map((x) => ({ flagged: x.r.point.atRisk, positive: x.o.kind === 'churned' }))),
      contraction: flagQuality(
        notChurned.map((x) => ({ flagged: x.r.point.atRisk, positive: x.o.kind === 'contracted' })),
      ),
    };
  });

  // Lead time: walk back from the outcome while the account stays flagged.
  const churns = ordered.filter((o) => o.kind === 'churned');
  const leads: number[] = [];
  for (const o of churns) {
    const end = dayOf(o.occurredOn);
    const before = (series.get(o.accountId) ?? []).filter(
      (s) => dayOf(s.computedAt) <= end && dayOf(s.computedAt) > end - options.leadWindowDays * dayMs,
    );
    let first: SnapshotFact | undefined;
    // An unscored snapshot ends the run: "not enough data" is not a flag.
    for (let i = before.length - 1; i >= 0 && score(before[i]!)?.atRisk === true; i--) first = before[i];
    if (first) leads.push(Math.round((end - dayOf(first.computedAt)) / dayMs));
  }

  const focusHorizon = horizons.find((h) => h.days === options.focusHorizon) ?? horizons.at(-1);
  // Lead time only for a flag that beats the base rate: flagging nearly everyone early makes it long.
  const withheld = leads.length > 0 && (focusHorizon === undefined || !flagBeatsBaseRate(focusHorizon.churn));
  const focus = scoredReadings(options.focusHorizon);
  const rows = bands.map((b): BandRow => {
    const inBand = focus.filter((x) => x.r.point.band === b.key);
    const churned = inBand.filter((x) => x.o.kind === 'churned').length;
    return {
      band: b.key,
      label: b.label,
      atRisk: b.atRisk,
      outcomes: inBand.length,
      churned,
      contracted: inBand.filter((x) => x.o.kind === 'contracted').length,
      churnRatePct: inBand.length ? Math.round((churned / inBand.length) * 1000) / 10 : null,
    };
  });
  const misses = focus
    .filter((x) => x.o.kind === 'churned' && !x.r.point.atRisk)
    .map(({ o, r }): Miss => ({
      outcomeId: o.id,
      accountId: o.accountId,
      accountName: o.accountName,
      occurredOn: o.occurredOn,
      score: r.point.score,
      band: r.point.band,
      bandLabel: r.point.bandLabel,
      snapshotId: r.snapshot.id,
      scoredAt: r.snapshot.computedAt,
    }));

  return {
    outcomes: {
      total: ordered.length,
      churned: count('churned'),
      contracted: count('contracted'),
      expanded: count('expanded'),
      renewed: count('renewed'),
    },
    horizons,
    leadTime: {
      medianDays: withheld ? null : median(leads),
      flaggedChurns: leads.length,
      churns: churns.length,
      withheld,
    },
    calibration: { horizon: options.focusHorizon, bands: rows },
    misses,
    warnings: backtestWarnings(focusHorizon),
  };
}

/** An AUC with its interval, or null for both when a side has fewer than `minAucCases`. */
function aucOf(risks: number[], positive: boolean[]): { value: number | null; interval: Interval | null } {
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  const value = positives >= minAucCases && negatives >= minAucCases ? auc(risks, positive) : null;
  return { value, interval: value === null ? null : aucInterval(value, positives, negatives) };
}
