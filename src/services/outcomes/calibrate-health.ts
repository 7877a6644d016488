import { defaultBacktestOptions, snapshotAt } from '../../core/backtest/backtest.js';
import {
  calibrateWeights,
  defaultCalibrationOptions,
  InsufficientHistory,
  suggestAtRiskBoundary,
  type CalibrationResult,
  type CalibrationRow,
} from '../../core/backtest/calibrate-weights.js';
import { dayMs, dayOf, type OutcomeFact, type SnapshotFact } from '../../core/backtest/outcome-facts.js';
import { replayScorer } from '../../core/backtest/replay-model.js';
import { splitByDay } from '../../core/backtest/time-split.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { presetVersion, saveCustomPreset } from '../scoring/preset-catalogue.js';
import { loadHistory, outcomeWindow, replayRun, type BacktestRun, type HistoryData } from './backtest-health.js';

export interface CalibrateRequest {
  /** The preset whose dimensions are re-weighted (`id` or `id@version`). */
  fromPreset: string;
  /** Days before each outcome the scores are read (default 90). */
  horizon?: number;
  from?: string;
  to?: string;
  /** Store the calibrated preset as a new version (else only report). */
  write?: boolean;
  /** Store it even when it does not beat the current weights on the held-out outcomes. */
  force?: boolean;
}

/** The time split: weights are fitted on the earlier outcomes and judged on the later ones only. */
export interface TimeSplit {
  /** Share of the scored outcomes (oldest first) used for the fit. */
  trainShare: number;
  train: { from: string; to: string; outcomes: number; churns: number };
  test: { from: string; to: string; outcomes: number; churns: number };
}

export interface CalibrationReport {
  base: Preset;
  calibrated: Preset;
  fit: CalibrationResult;
  split: TimeSplit;
  /** The headline: current and calibrated weights on the held-out (later) outcomes, which the fit never saw. */
  before: BacktestRun;
  after: BacktestRun;
  /** On the outcomes the weights were fitted on: optimistic by construction, labelled so. */
  inSample: { before: BacktestRun; after: BacktestRun };
  /** Where "at risk" would best start on the calibrated score (fitted outcomes), for the admin to consider. */
  boundary: { boundary: number; recall: number; falseAlarmRate: number } | null;
  written: boolean;
  /** Why it was not stored although asked to: it did not beat the current weights out of sample. */
  notStoredBecause?: string;
}

/** Share of the scored outcomes, oldest first, that the weights are fitted on; the rest judge them. */
export const trainShare = 0.7;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Fits a preset's dimension weights on the team's earlier outcomes and judges them, against the
 * current weights, on the later ones the fit never saw. With `write`, stores the result as a new
 * custom preset version (to adopt with `tend presets use`) only when it wins out of sample, or `force`.
 */
export async function calibrateHealth(
  prisma: PrismaClient,
  request: CalibrateRequest,
  now: Date,
): Promise<CalibrationReport> {
  const base = await presetVersion(prisma, request.fromPreset);
  if (!base.model) throw new Error(`preset "${request.fromPreset}" has no health model to calibrate`);
  const horizon = request.horizon ?? defaultBacktestOptions.focusHorizon;
  const history = await loadHistory(prisma, await outcomeWindow(prisma, request, now));
  const dimensions = base.model.dimensions.map((d) => d.key);
  // Each outcome with the account's score `horizon` days before it, when there was one.
  const read = history.outcomes.flatMap((o) => {
    const s = snapshotAt(
      history.series.get(o.accountId) ?? [],
      dayOf(o.occurredOn) - horizon * dayMs,
      defaultBacktestOptions.maxSnapshotAgeDays,
    );
    return s ? [{ o, s }] : [];
  }) satisfies { o: OutcomeFact; s: SnapshotFact }[];
  const usable = read
    .filter(({ s }) => s.overall !== null && dimensions.every((d) => d in s.dimensions))
    .sort((a, b) => a.o.occurredOn.localeCompare(b.o.occurredOn) || a.o.id.localeCompare(b.o.id));
  // Split by time, never through a day, both parts kept: every held-out outcome happened after every fitted one.
  const parts = splitByDay(
    usable,
    (r) => r.o.occurredOn,
    trainShare,
    ({ test }) => test.some((r) => r.o.kind === 'churned') && test.some((r) => r.o.kind !== 'churned'),
  );
  if (!parts && usable.length < defaultCalibrationOptions.minOutcomes)
    throw new InsufficientHistory(usable.length, usable.filter((r) => r.o.kind === 'churned').length, {
      outcomes: defaultCalibrationOptions.minOutcomes,
      churns: defaultCalibrationOptions.minChurns,
    });
  if (!parts)
    throw new Error(
      `All ${usable.length} scored outcomes fall on one day (${usable[0]!.o.occurredOn}): fitting on earlier outcomes and judging on later ones needs outcomes on at least two days.`,
    );
  const { train: trainRows, test: testRows } = parts;
  const span = (rows: typeof usable) => ({
    from: rows[0]?.o.occurredOn ?? '',
    to: rows.at(-1)?.o.occurredOn ?? '',
    outcomes: rows.length,
    churns: rows.filter(({ o }) => o.kind === 'churned').length,
  });
  const split: TimeSplit = { trainShare, train: span(trainRows), test: span(testRows) };
  const rows: CalibrationRow[] = trainRows.map(({ o, s }) => ({
    occurredOn: o.occurredOn,
    dimensions: s.dimensions,
    churned: o.kind === 'churned',
  }));
  const fit = calibrateWeights(rows, dimensions, defaultCalibrationOptions);
  if (split.test.churns === 0 || split.test.churns === split.test.outcomes)
    throw new Error(
      `The held-out outcomes (${split.test.from} to ${split.test.to}, ${split.test.outcomes}) have ${split.test.churns} churn(s): nothing to judge the new weights on. Import more recent outcomes first.`,
    );

  const id = base.id.endsWith('-calibrated') ? base.id : `${base.id}-calibrated`;
  const calibratedRaw = {
    ...base,
    id,
    name: `${base.name} (calibrated)`,
    description: `${base.model.name ?? base.id} with weights fitted on ${fit.outcomes} outcomes (${fit.churns} churned, ${split.train.from} to ${split.train.to}) at ${horizon} days, ${isoDay(now)}: ridge logistic regression, lambda ${fit.lambda}, chosen by forward-chaining cross-validation; judged on ${split.test.outcomes} later outcomes.`,
    model: {
      ...base.model,
      id,
      version: '1',
      dimensions: base.model.dimensions.map((d) => ({ ...d, weight: fit.weights[d.key]! })),
    },
  } as Preset;

  // Both judged on the same outcomes, replayed from the history already loaded.
  const only = (kept: typeof usable): HistoryData => {
    const ids = new Set(kept.map(({ o }) => o.id));
    return { outcomes: history.outcomes.filter((o) => ids.has(o.id)), series: history.series };
  };
  const unsaved = `${calibratedRaw.id} (not saved), replayed`;
  const before = replayRun(base, only(testRows), { focusHorizon: horizon });
  const after = replayRun(calibratedRaw, only(testRows), { focusHorizon: horizon }, unsaved);
  const inSample = {
    before: replayRun(base, only(trainRows), { focusHorizon: horizon }),
    after: replayRun(calibratedRaw, only(trainRows), { focusHorizon: horizon }, unsaved),
  };
  const focusAuc = (run: BacktestRun) => run.report.horizons.find((h) => h.days === horizon)?.aucChurn ?? null;
  const beats = (focusAuc(after) ?? 0) > (focusAuc(before) ?? 0);
  const notStoredBecause =
    request.write && !beats && !request.force
      ? `it does not beat the current weights on the held-out outcomes (churn AUC ${focusAuc(after)?.toFixed(2) ?? 'n/a'} against ${focusAuc(before)?.toFixed(2) ?? 'n/a'}); store it anyway with --force`
      : undefined;
  const written = request.write === true && !notStoredBecause;
  const calibrated = written ? await saveCustomPreset(prisma, calibratedRaw) : calibratedRaw;
  if (written) after.model = `${calibrated.id} version ${calibrated.model!.version}, replayed`;
  const replay = replayScorer(calibrated.model!);
  const points = trainRows.flatMap(({ o, s }) => {
    const point = replay(s);
    return point ? [{ score: point.score, churned: o.kind === 'churned' }] : [];
  });
  return {
    base,
    calibrated,
    fit,
    split,
    before,
    after,
    inSample,
    boundary: suggestAtRiskBoundary(points),
    written,
    ...(notStoredBecause ? { notStoredBecause } : {}),
  };
}
