import {
  backtest,
  readingsAt,
  snapshotAt,
  defaultBacktestOptions,
  type BacktestOptions,
  type BacktestReport,
  type BandInfo,
} from '../../core/backtest/backtest.js';
import { dayOf, type OutcomeFact, type Scorer, type SnapshotFact } from '../../core/backtest/outcome-facts.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import { replayScorer } from '../../core/backtest/replay-model.js';
import {
  fitThreshold,
  ThresholdRefusal,
  type ThresholdFit,
  type ThresholdTarget,
} from '../../core/backtest/fit-threshold.js';
import { isAtRiskBand } from '../../core/scoring/at-risk.js';
import type { HealthModel } from '../../core/scoring/health-model-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { loadPresetCatalogue, presetVersion } from '../scoring/preset-catalogue.js';
import { storedScore } from '../scoring/recompute-health.js';
import { appendTo } from '../../core/collections/append-to.js';
import { coverageGaps, type CoverageGaps } from '../../core/scoring/coverage-gaps.js';
import { isInsufficient, type InsufficientData } from '../../core/scoring/data-sufficiency.js';

export interface BacktestRequest {
  /** A preset to replay (`id` as it is now, `id@version` as it was); absent: the scores as they were given. */
  model?: string;
  horizons?: number[];
  /** Horizon of the calibration table and the misses (default 90 days). */
  focusHorizon?: number;
  /** Outcomes from / to (ISO days); default: the span of the stored outcomes up to now. */
  from?: string;
  to?: string;
  /** Fit the at-risk boundary for this precision or recall at the focus horizon, checked on later outcomes. */
  fitThreshold?: ThresholdTarget;
}

export interface ExplainedMiss {
  accountName: string;
  occurredOn: string;
  score: number;
  bandLabel: string;
  scoredOn: string;
  /** What the model said at the time: its drivers and red flags, from the stored explanation. */
  explanation: string;
}

export interface BacktestRun {
  /** "as scored" or the replayed preset with its version. */
  model: string;
  /** The outcomes window and the recorded outcomes outside it, when the history was read by window. */
  window?: HistoryData['window'];
  report: BacktestReport;
  misses: ExplainedMiss[];
  /**
   * When outcomes went unscored for "not enough data": per model that stored those states, the
   * inputs it lacked and what they weigh (from the snapshots' stored explanations).
   */
  coverage?: CoverageGaps[];
  /** The at-risk boundary fitted for a precision or recall (`fitThreshold`), or why it was not. */
  threshold?: ThresholdFit | { target: ThresholdTarget; refused: string };
}

export interface HistoryData {
  outcomes: OutcomeFact[];
  series: Map<string, SnapshotFact[]>;
  /** The outcome window read, and how many recorded outcomes fell outside it (left out, said so). */
  window?: { from: string; to: string; leftOutBefore: number; leftOutAfter: number };
}

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Outcomes in a window and the snapshots of their accounts that can matter to them, oldest first. */
export async function loadHistory(
  prisma: PrismaClient,
  window: { from: string; to: string },
  lookbackDays = defaultBacktestOptions.leadWindowDays,
): Promise<HistoryData> {
  const rows = await prisma.renewalOutcome.findMany({
    where: { occurredOn: { gte: new Date(`${window.from}T00:00:00Z`), lte: new Date(`${window.to}T00:00:00Z`) } },
    select: {
      id: true,
      accountId: true,
      kind: true,
      occurredOn: true,
      arrBefore: true,
      arrAfter: true,
      account: { select: { name: true } },
    },
    orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }],
  });
  const [leftOutBefore, leftOutAfter] = await Promise.all([
    prisma.renewalOutcome.count({ where: { occurredOn: { lt: new Date(`${window.from}T00:00:00Z`) } } }),
    prisma.renewalOutcome.count({ where: { occurredOn: { gt: new Date(`${window.to}T00:00:00Z`) } } }),
  ]);
  const windowRead = { ...window, leftOutBefore, leftOutAfter };
  const outcomes: OutcomeFact[] = rows.map((o) => ({
    id: o.id,
    accountId: o.accountId,
    accountName: o.account.name,
    kind: o.kind.toLowerCase() as OutcomeFact['kind'],
    occurredOn: isoDay(o.occurredOn),
    arrBefore: o.arrBefore === null ? null : Number(o.arrBefore),
    arrAfter: o.arrAfter === null ? null : Number(o.arrAfter),
  }));
  const series = new Map<string, SnapshotFact[]>();
  if (!outcomes.length) return { outcomes, series, window: windowRead };
  const since = new Date(Date.parse(`${window.from}T00:00:00Z`) - (lookbackDays + 46) * dayMs);
  const until = new Date(Date.parse(`${window.to}T00:00:00Z`) + dayMs);
  const accountIds = [...new Set(outcomes.map((o) => o.accountId))];
  // Dimension scores only: explanations are read for the few misses, not for every snapshot.
  const snapshots = await prisma.$queryRaw<
    {
      id: string;
      accountId: string;
      computedAt: Date;
      overall: number | null;
      band: string;
      dimensions: Record<string, { score: number | null }>;
      modelId: string;
      modelVersion: string;
    }[]
  >`
    SELECT id, "accountId", "computedAt", overall, band, dimensions, "modelId", "modelVersion"
    FROM "HealthSnapshot"
    WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "computedAt" >= ${since} AND "computedAt" < ${until}
    ORDER BY "accountId", "computedAt", id`;
  for (const s of snapshots) {
    const fact: SnapshotFact = {
      id: s.id,
      accountId: s.accountId,
      computedAt: s.computedAt.toISOString(),
      overall: s.overall,
      band: s.band,
      dimensions: Object.fromEntries(Object.entries(s.dimensions).map(([k, v]) => [k, v?.score ?? null])),
      modelId: s.modelId,
      modelVersion: s.modelVersion,
    };
    appendTo(series, s.accountId, fact);
  }
  return { outcomes, series, window: windowRead };
}

export function bandsOf(model: HealthModel): BandInfo[] {
  return [...model.bands]
    .sort((a, b) => a.min - b.min)
    .map((b) => ({ key: b.key, label: b.label, atRisk: isAtRiskBand(b) }));
}

/** The scores as each model gave them, with each model's own bands deciding "at risk". */
async function asScored(prisma: PrismaClient): Promise<{ scorer: Scorer; bands: BandInfo[] }> {
  const catalogue = await loadPresetCatalogue(prisma);
  const models = new Map<string, HealthModel>();
  for (const preset of catalogue.presets.values()) if (preset.model) models.set(preset.model.id, preset.model);
  const info = new Map<string, Map<string, BandInfo>>();
  for (const [id, model] of models) info.set(id, new Map(bandsOf(model).map((b) => [b.key, b])));
  const workspace = catalogue.get(catalogue.profile.model).model!;
  return {
    scorer: (s) => {
      if (s.overall === null) return undefined;
      const band = info.get(s.modelId)?.get(s.band);
      return {
        score: s.overall,
        band: s.band,
        bandLabel: band?.label ?? s.band,
        atRisk: band?.atRisk ?? s.overall < 60,
      };
    },
    bands: bandsOf(workspace),
  };
}

/** How the model explained a score at the time, in one line. */
function explainAtTheTime(explanation: unknown): string {
  const score = storedScore(explanation);
  if (!score) return 'no explanation was stored with this score';
  const down = score.drivers.negative.slice(0, 2).map((d) => d.text);
  const up = score.drivers.positive.slice(0, 2).map((d) => d.text);
  const flags = score.redFlags.map((f) => f.label);
  return [
    up.length ? `held up by ${up.join('; ')}` : '',
    down.length ? `pulled down by ${down.join('; ')}` : 'nothing pulled it down',
    flags.length ? `red flags: ${flags.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('. ');
}

/**
 * The outcomes a run looks at: from / to as asked; by default the span of the stored outcomes, from
 * the first to the last that has happened by `now` (an imported history is read whole). Without any
 * outcome, the two years before `now`.
 */
export async function outcomeWindow(
  prisma: PrismaClient,
  request: { from?: string; to?: string },
  now: Date,
): Promise<{ from: string; to: string }> {
  const today = isoDay(now);
  if (request.from && request.to) return { from: request.from, to: request.to };
  const span = await prisma.renewalOutcome.aggregate({
    where: { occurredOn: { lte: new Date(`${today}T00:00:00Z`) } },
    _min: { occurredOn: true },
    _max: { occurredOn: true },
  });
  const first = span._min.occurredOn ? isoDay(span._min.occurredOn) : isoDay(new Date(now.getTime() - 730 * dayMs));
  const last = span._max.occurredOn ? isoDay(span._max.occurredOn) : today;
  return { from: request.from ?? first, to: request.to ?? last };
}

function explainedMiss(m: BacktestReport['misses'][number], explanation: string): ExplainedMiss {
  return {
    accountName: m.accountName,
    occurredOn: m.occurredOn,
    score: m.score,
    bandLabel: m.bandLabel,
    scoredOn: m.scoredAt.slice(0, 10),
    explanation,
  };
}

/** A preset replayed over a loaded history (saved or not): the database is not needed again. */
export function replayRun(
  preset: Preset,
  data: HistoryData,
  options: Partial<BacktestOptions> = {},
  label = `${preset.id} version ${preset.model!.version}, replayed`,
): BacktestRun {
  const report = backtest(data.outcomes, data.series, replayScorer(preset.model!), bandsOf(preset.model!), {
    ...defaultBacktestOptions,
    ...options,
  });
  return {
    model: label,
    ...(data.window ? { window: data.window } : {}),
    report,
    misses: report.misses.map((m) =>
      explainedMiss(m, `replayed from the dimension scores of ${m.scoredAt.slice(0, 10)}`),
    ),
  };
}

/**
 * The "not enough data" snapshots the run read (at each horizon, before each outcome), summed per
 * model into what they lacked. Only those: a long history can hold far more gaps than outcomes.
 */
async function historyCoverage(prisma: PrismaClient, data: HistoryData, horizons: number[]): Promise<CoverageGaps[]> {
  const read = new Set<string>();
  for (const o of data.outcomes)
    for (const days of horizons) {
      const s = snapshotAt(
        data.series.get(o.accountId) ?? [],
        dayOf(o.occurredOn) - days * dayMs,
        defaultBacktestOptions.maxSnapshotAgeDays,
      );
      if (s && s.overall === null) read.add(s.id);
    }
  const ids = [...read];
  const gaps: InsufficientData[] = [];
  // In batches, one after another: a list past PostgreSQL's bind limit would be split and sent at once.
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows = await prisma.healthSnapshot.findMany({
      where: { id: { in: ids.slice(i, i + 5_000) } },
      select: { explanation: true },
    });
    for (const row of rows) if (isInsufficient(row.explanation)) gaps.push(row.explanation);
  }
  if (!gaps.length) return [];
  const catalogue = await loadPresetCatalogue(prisma);
  const models = new Map<string, HealthModel>();
  for (const preset of catalogue.presets.values()) if (preset.model) models.set(preset.model.id, preset.model);
  return [...models.values()].flatMap((model) => coverageGaps(model, gaps) ?? []);
}

/**
 * Checks health scores against real outcomes: the scores as they were given, or a preset replayed
 * over the same history. Same data, same report.
 */
export async function backtestHealth(
  prisma: PrismaClient,
  request: BacktestRequest,
  now: Date,
  history?: HistoryData,
): Promise<BacktestRun> {
  const data = history ?? (await loadHistory(prisma, await outcomeWindow(prisma, request, now)));
  const options: Partial<BacktestOptions> = {
    ...(request.horizons ? { horizons: request.horizons } : {}),
    ...(request.focusHorizon ? { focusHorizon: request.focusHorizon } : {}),
  };
  const focus = request.focusHorizon ?? defaultBacktestOptions.focusHorizon;
  if (request.model) {
    const preset = await presetVersion(prisma, request.model);
    if (!preset.model) throw new Error(`preset "${request.model}" has no health model`);
    const run = await withCoverage(prisma, data, replayRun(preset, data, options));
    return withThreshold(run, data, replayScorer(preset.model), focus, request.fitThreshold);
  }
  const { scorer, bands } = await asScored(prisma);
  const report = backtest(data.outcomes, data.series, scorer, bands, { ...defaultBacktestOptions, ...options });
  const explanations = new Map(
    (
      await prisma.healthSnapshot.findMany({
        where: { id: { in: report.misses.map((m) => m.snapshotId) } },
        select: { id: true, explanation: true },
      })
    ).map((s) => [s.id, s.explanation]),
  );
  const run = await withCoverage(prisma, data, {
    model: 'the scores as they were given',
    ...(data.window ? { window: data.window } : {}),
    report,
    misses: report.misses.map((m) => explainedMiss(m, explainAtTheTime(explanations.get(m.snapshotId)))),
  });
  return withThreshold(run, data, scorer, focus, request.fitThreshold);
}

/** A run with the at-risk boundary fitted to its outcomes at the focus horizon, when asked for. */
function withThreshold(
  run: BacktestRun,
  data: HistoryData,
  scorer: Scorer,
  days: number,
  target: ThresholdTarget | undefined,
): BacktestRun {
  if (!target) return run;
  const points = readingsAt(data.outcomes, data.series, scorer, days).map(({ outcome, point }) => ({
    occurredOn: outcome.occurredOn,
    score: point.score,
    churned: outcome.kind === 'churned',
  }));
  try {
    return { ...run, threshold: fitThreshold(points, target) };
  } catch (error) {
    if (error instanceof ThresholdRefusal) return { ...run, threshold: { target, refused: error.message } };
    throw error;
  }
}

/** A run with what kept its outcomes unscored, when "not enough data" kept any. */
async function withCoverage(prisma: PrismaClient, data: HistoryData, run: BacktestRun): Promise<BacktestRun> {
  if (!run.report.horizons.some((h) => h.insufficientData > 0)) return run;
  const coverage = await historyCoverage(
    prisma,
    data,
    run.report.horizons.map((h) => h.days),
  );
  return coverage.length ? { ...run, coverage } : run;
}
