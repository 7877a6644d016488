import { backtest, defaultBacktestOptions } from '../../core/backtest/backtest.js';
import {
  calibrateWeights,
  defaultCalibrationOptions,
  suggestAtRiskBoundary,
  type CalibrationResult,
  type CalibrationRow,
} from '../../core/backtest/calibrate-weights.js';
import { dayMs, dayOf, type SnapshotFact } from '../../core/backtest/outcome-facts.js';
import { replayScorer } from '../../core/backtest/replay-model.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { presetVersion, saveCustomPreset } from '../scoring/preset-catalogue.js';
import { backtestHealth, bandsOf, loadHistory, type BacktestRun } from './backtest-health.js';

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
  const window = {
    from: request.from ?? isoDay(new Date(now.getTime() - 730 * dayMs)),
    to: request.to ?? isoDay(now),
  };
  const history = await loadHistory(prisma, window);
  const dimensions = base.model.dimensions.map((d) => d.key);
  const rows: CalibrationRow[] = [];
  for (const o of history.outcomes) {
    const at = dayOf(o.occurredOn) - horizon * dayMs;
    let found: SnapshotFact | undefined;
    for (const s of history.series.get(o.accountId) ?? []) if (dayOf(s.computedAt) <= at) found = s;
    if (!found || at - dayOf(found.computedAt) > defaultBacktestOptions.maxSnapshotAgeDays * dayMs) continue;
    if (!dimensions.every((d) => d in found.dimensions)) continue;
    rows.push({ occurredOn: o.occurredOn, dimensions: found.dimensions, churned: o.kind === 'churned' });
  }
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

  const backtestOf = async (preset: Preset) => {
    const ref = `${preset.id}@${preset.model!.version}`;
    // The unsaved candidate is replayed directly; stored presets go through their version.
    return request.write || preset === base
      ? backtestHealth(prisma, { model: ref, ...window, focusHorizon: horizon }, now, history)
      : replayUnsaved(preset);
  };
  const replayUnsaved = async (preset: Preset): Promise<BacktestRun> => {
    return {
      model: `${preset.id} (not saved), replayed`,
      report: backtest(history.outcomes, history.series, replayScorer(preset.model!), bandsOf(preset.model!), {
        ...defaultBacktestOptions,
        focusHorizon: horizon,
      }),
      misses: [],
    };
  };
  const before = await backtestOf(base);
  const after = await backtestOf(calibrated);
  const replay = replayScorer(calibrated.model!);
  const points = history.outcomes.flatMap((o) => {
    const at = dayOf(o.occurredOn) - horizon * dayMs;
    const s = [...(history.series.get(o.accountId) ?? [])].reverse().find((x) => dayOf(x.computedAt) <= at);
    return s && at - dayOf(s.computedAt) <= defaultBacktestOptions.maxSnapshotAgeDays * dayMs
      ? [{ score: replay(s).score, churned: o.kind === 'churned' }]
      : [];
  });
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
