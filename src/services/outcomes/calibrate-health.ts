import { defaultBacktestOptions, snapshotAt } from '../../core/backtest/backtest.js';
import {
  calibrateWeights,
  defaultCalibrationOptions,
  suggestAtRiskBoundary,
  type CalibrationResult,
  type CalibrationRow,
} from '../../core/backtest/calibrate-weights.js';
import { dayMs, dayOf, type OutcomeFact, type SnapshotFact } from '../../core/backtest/outcome-facts.js';
import { replayScorer } from '../../core/backtest/replay-model.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { presetVersion, saveCustomPreset } from '../scoring/preset-catalogue.js';
import { loadHistory, outcomeWindow, replayRun, type BacktestRun } from './backtest-health.js';

export interface CalibrateRequest {
  /** The preset whose dimensions are re-weighted (`id` or `id@version`). */
  fromPreset: string;
  /** Days before each outcome the scores are read (default 90). */
  horizon?: number;
  from?: string;
  to?: string;
  /** Store the calibrated preset as a new version (else only report). */
  write?: boolean;
}

export interface CalibrationReport {
  base: Preset;
  calibrated: Preset;
  fit: CalibrationResult;
  before: BacktestRun;
  after: BacktestRun;
  /** Where "at risk" would best start on the calibrated score, for the admin to consider. */
  boundary: { boundary: number; recall: number; falseAlarmRate: number } | null;
  written: boolean;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Fits a preset's dimension weights to the team's own outcomes and shows the backtest before and
 * after on the same outcomes. With `write`, stores the result as a new custom preset version that an
 * admin adopts with `tend presets use`.
 */
export async function calibrateHealth(
  prisma: PrismaClient,
  request: CalibrateRequest,
  now: Date,
): Promise<CalibrationReport> {
  const base = await presetVersion(prisma, request.fromPreset);
  if (!base.model) throw new Error(`preset "${request.fromPreset}" has no health model to calibrate`);
  const horizon = request.horizon ?? defaultBacktestOptions.focusHorizon;
  const history = await loadHistory(prisma, outcomeWindow(request, now));
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
  const usable = read.filter(({ s }) => dimensions.every((d) => d in s.dimensions));
  const rows: CalibrationRow[] = usable.map(({ o, s }) => ({
    occurredOn: o.occurredOn,
    dimensions: s.dimensions,
    churned: o.kind === 'churned',
  }));
  const fit = calibrateWeights(rows, dimensions, defaultCalibrationOptions);

  const id = base.id.endsWith('-calibrated') ? base.id : `${base.id}-calibrated`;
  const calibratedRaw = {
    ...base,
    id,
    name: `${base.name} (calibrated)`,
    description: `${base.model.name ?? base.id} with weights fitted on ${fit.outcomes} outcomes (${fit.churns} churned) at ${horizon} days, ${isoDay(now)}: ridge logistic regression, lambda ${fit.lambda}, chosen by forward-chaining cross-validation.`,
    model: {
      ...base.model,
      id,
      version: '1',
      dimensions: base.model.dimensions.map((d) => ({ ...d, weight: fit.weights[d.key]! })),
    },
  };
  const calibrated = request.write ? await saveCustomPreset(prisma, calibratedRaw) : (calibratedRaw as Preset);

  // Both on the same outcomes, replayed from the history already loaded.
  const before = replayRun(base, history, { focusHorizon: horizon });
  const after = replayRun(
    calibrated,
    history,
    { focusHorizon: horizon },
    request.write ? undefined : `${calibrated.id} (not saved), replayed`,
  );
  const replay = replayScorer(calibrated.model!);
  const points = usable.map(({ o, s }) => ({ score: replay(s).score, churned: o.kind === 'churned' }));
  return {
    base,
    calibrated,
    fit,
    before,
    after,
    boundary: suggestAtRiskBoundary(points),
    written: request.write === true,
  };
}
