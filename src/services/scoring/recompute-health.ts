import { assessAccount, dataWindowDays, type Assessment, type ScoredAssessment } from '../../core/assess-account.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { surveyMetrics, type SurveyAnswerFact } from '../../core/metrics/derived-metrics.js';
import { customerVoice, type VoiceFigure } from '../../core/metrics/customer-voice.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import type { HealthModel } from '../../core/scoring/health-model-schema.js';
import { modelIdFor } from '../../core/presets/workspace-profile.js';
import { insufficientBandKey, type InsufficientData } from '../../core/scoring/data-sufficiency.js';
import type { Signal } from '../../core/signals/evaluate-triggers.js';
import type { HealthScore } from '../../core/scoring/health-score.js';
import { indexObservations, type Observation } from '../../core/scoring/resolve-inputs.js';
import type { Prisma, PrismaClient } from '../../db/client.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import {
  accountsChangedSinceSnapshot,
  databaseClock,
  insertSnapshots,
  latestSnapshots,
  weeklySnapshots,
  type SnapshotInput,
} from '../../db/repositories/health-snapshots.js';
import { recordScoringOutcome } from '../../db/repositories/scoring-failures.js';
import {
  newestBefore,
  observationsSince,
  scoringAccounts,
  surveyAnswersSince,
  type ScoringAccount,
} from '../../db/repositories/scoring-data.js';
import { loadPresetCatalogue, type PresetCatalogue } from './preset-catalogue.js';
import { appendTo } from '../../core/collections/append-to.js';

export interface RecomputeResult {
  considered: number;
  scored: number;
  ms: number;
  /** Where the time went: reading data, scoring, writing snapshots. */
  timings: { loadMs: number; scoreMs: number; writeMs: number };
  /** The accounts scored, for alert evaluation. */
  accountIds: string[];
  /** Accounts whose band changed, for alerts. */
  bandChanges: { accountId: string; from: string; to: string }[];
  /** Accounts that could not be scored (bad stored data), with why; the others are scored anyway. */
  failed: { accountId: string; name: string; error: string }[];
}

const chunkSize = 1_000;
const windowOf = (data: ScoringData) => data.windowDays;
/** Weeks of snapshots trends are computed over (the BIS rule compares the last 3 periods with the 3 before). */
const historyWeeks = 6;
const surveyWindowDays = 180;

/** Reads an explanation stored with a snapshot back as the core's type. */
export function storedScore(explanation: unknown): HealthScore | undefined {
  const e = explanation as Partial<HealthScore> | null;
  return e && typeof e === 'object' && typeof e.overallExact === 'number' && e.dimensions
    ? (e as HealthScore)
    : undefined;
}

/**
 * Scores active accounts from stored data and saves a snapshot of each, with the model id and
 * version and the full explanation. `changed` limits it to accounts with data newer than their
 * last snapshot, or whose model has changed since.
 */
export async function recomputeHealth(
  prisma: PrismaClient,
  options: { now: Date; mode: 'all' | 'changed'; accountIds?: string[] },
): Promise<RecomputeResult> {
  const started = Date.now();
  const catalogue = await loadPresetCatalogue(prisma);
  let ids = options.accountIds;
  if (!ids && options.mode === 'changed') ids = await changedAccountIds(prisma, catalogue);
  const readAt = await databaseClock(prisma);
  const accounts = await scoringAccounts(prisma, ids);
  const result: RecomputeResult = {
    considered: accounts.length,
    scored: 0,
    ms: 0,
    timings: { loadMs: 0, scoreMs: 0, writeMs: 0 },
    bandChanges: [],
    accountIds: [],
    failed: [],
  };
  // Pipelined: the next chunk loads while the current one is written (PostgreSQL serves both at once).
  const timed = async <T>(key: keyof RecomputeResult['timings'], work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await work();
    } finally {
      result.timings[key] += Date.now() - t;
    }
  };
  const chunks: ScoringAccount[][] = [];
  for (let i = 0; i < accounts.length; i += chunkSize) chunks.push(accounts.slice(i, i + chunkSize));
  let loading =
    chunks.length > 0 ? timed('loadMs', () => loadScoringData(prisma, catalogue, chunks[0]!, options.now)) : undefined;
  for (let c = 0; c < chunks.length; c++) {
    const data = await loading!;
    loading =
      c + 1 < chunks.length
        ? timed('loadMs', () => loadScoringData(prisma, catalogue, chunks[c + 1]!, options.now))
        : undefined;
    const t = Date.now();
    const failedBefore = result.failed.length;
    const assessed = await withLastSeen(prisma, data, assessLoaded(data, options.now, 0, result.failed), options.now);
    const failedNow = result.failed.slice(failedBefore);
    result.accountIds.push(...assessed.map((a) => a.account.id));
    const snapshots: SnapshotInput[] = assessed.map(({ account, assessment }) => ({
      ...toSnapshot(account.id, assessment),
      recordedAt: readAt,
    }));
    result.timings.scoreMs += Date.now() - t;
    await timed('writeMs', () =>
      prisma.$transaction(async (tx) => {
        await insertSnapshots(tx, snapshots);
        // Which accounts could not be scored stays visible (tend sources) until a scoring succeeds.
        await recordScoringOutcome(
          tx,
          assessed.map((a) => a.account.id),
          failedNow.map((f) => ({ accountId: f.accountId, error: f.error })),
          readAt,
        );
      }),
    );
    result.scored += snapshots.length;
    for (const { account, assessment } of assessed) {
      if (assessment.kind !== 'scored') continue;
      const band = assessment.score.change?.band;
      if (band) result.bandChanges.push({ accountId: account.id, from: band.from, to: band.to });
    }
  }
  result.ms = Date.now() - started;
  return result;
}

/** Active accounts with data newer than their latest snapshot, or scored by a model that has changed since. */
export async function changedAccountIds(prisma: PrismaClient, catalogue?: PresetCatalogue): Promise<string[]> {
  const presets = catalogue ?? (await loadPresetCatalogue(prisma));
  return [
    ...new Set([...(await accountsChangedSinceSnapshot(prisma)), ...(await accountsWithStaleModel(prisma, presets))]),
  ];
}

export interface AssessedAccount {
  account: ScoringAccount;
  assessment: Assessment;
  modelReason: string;
  /** NPS, CSAT and comment sentiment in the survey window, and which the model weighs. */
  voice: VoiceFigure[];
}

/** Loads what a group of accounts needs (metrics in the models' windows, survey answers, recent snapshots) and assesses each. */
export async function assessChunk(
  db: DbClient,
  catalogue: PresetCatalogue,
  accounts: ScoringAccount[],
  now: Date,
  compareDays = 0,
  failures?: RecomputeResult['failed'],
): Promise<AssessedAccount[]> {
  const data = await loadScoringData(db, catalogue, accounts, now);
  return withLastSeen(db, data, assessLoaded(data, now, compareDays, failures), now, compareDays);
}

/**
 * "Not enough data" says since when: for accounts with no data in the model's windows, the newest
 * older value of each input is read (one index probe per input) and the account assessed again.
 * Older values lie outside every window, so the assessment changes only in what it can say.
 */
async function withLastSeen(
  db: DbClient,
  data: ScoringData,
  assessed: AssessedAccount[],
  now: Date,
  compareDays = 0,
): Promise<AssessedAccount[]> {
  const blind = assessed.filter(
    (a) => a.assessment.kind === 'insufficient-data' && a.assessment.gap.newestData === null,
  );
  if (!blind.length) return assessed;
  const index = new Map(data.accounts.map((a, i) => [a.id, i]));
  const metrics = [
    ...new Set(
      blind.flatMap((a) =>
        data.models[index.get(a.account.id)!]!.model.dimensions.flatMap((d) => d.inputs.map((i) => i.metric)),
      ),
    ),
  ];
  const earliest = isoDay(new Date(now.getTime() - (windowOf(data) + 1) * 86_400_000));
  const older = await newestBefore(
    db,
    blind.map((a) => a.account.id),
    metrics,
    earliest,
  );
  if (!older.length) return assessed;
  for (const o of older) {
    const list = data.observations.get(o.accountId) ?? [];
    list.push({ metric: o.metric, date: o.date, value: o.value });
    data.observations.set(o.accountId, list);
  }
  const again = new Set(older.map((o) => o.accountId));
  return assessed.map((a) =>
    again.has(a.account.id) ? assessOne(data, a.account, index.get(a.account.id)!, now, compareDays) : a,
  );
}

interface ScoringData {
  accounts: ScoringAccount[];
  /** Days of data loaded before `now` (the longest window of the models and triggers). */
  windowDays: number;
  models: { model: HealthModel; reason: string }[];
  triggerPresets: Preset[];
  observations: Map<string, Observation[]>;
  answers: Map<string, SurveyAnswerFact[]>;
  history: Map<string, { computedAt: Date; explanation: unknown }[]>;
  latest: Map<string, { computedAt: Date; explanation: unknown }>;
}

async function loadScoringData(
  db: DbClient,
  catalogue: PresetCatalogue,
  accounts: ScoringAccount[],
  now: Date,
): Promise<ScoringData> {
  const triggerPresets = catalogue.profile.triggers.map((id) => catalogue.get(id));
  const models = accounts.map((a) => {
    const choice = modelIdFor(catalogue.profile, a);
    return { model: catalogue.get(choice.modelId).model!, reason: choice.reason };
  });
  const window = Math.max(...models.map((m) => dataWindowDays(m.model, triggerPresets)));
  const ids = accounts.map((a) => a.id);
  const since = isoDay(new Date(now.getTime() - (window + 1) * 86_400_000));
  const [rows, answerRows, history, latest] = await Promise.all([
    observationsSince(db, ids, since),
    surveyAnswersSince(db, ids, new Date(now.getTime() - surveyWindowDays * 86_400_000)),
    weeklySnapshots(db, ids, historyWeeks, now),
    latestSnapshots(db, ids, now),
  ]);
  const observations = new Map<string, Observation[]>();
  for (const o of rows) appendTo(observations, o.accountId, { metric: o.metric, date: o.date, value: o.value });
  const answers = new Map<string, SurveyAnswerFact[]>();
  for (const a of answerRows) {
    const list = answers.get(a.accountId) ?? [];
    list.push({ surveyType: a.surveyType, score: a.score, receivedAt: a.receivedAt.toISOString() });
    answers.set(a.accountId, list);
  }
  return { accounts, windowDays: window, models, triggerPresets, observations, answers, history, latest };
}

/**
 * Scores loaded accounts. The change is explained against the latest snapshot (`compareDays` 0, as
 * the recompute job needs for band transitions) or the newest weekly one at least that many days old.
 */
/**
 * Assesses each loaded account. With `failures`, an account whose data breaks scoring is recorded
 * there and skipped, so one bad value never stops the rest of the portfolio; without, it throws.
 */
function assessLoaded(
  data: ScoringData,
  now: Date,
  compareDays = 0,
  failures?: RecomputeResult['failed'],
): AssessedAccount[] {
  return data.accounts.flatMap((account, index) => {
    try {
      return [assessOne(data, account, index, now, compareDays)];
    } catch (error) {
      if (!failures) throw error;
      failures.push({ accountId: account.id, name: account.name, error: (error as Error).message });
      return [];
    }
  });
}

function assessOne(
  data: ScoringData,
  account: ScoringAccount,
  index: number,
  now: Date,
  compareDays: number,
): AssessedAccount {
  const derived = surveyMetrics(data.answers.get(account.id) ?? [], now, surveyWindowDays);
  const observationsOf = indexObservations([...(data.observations.get(account.id) ?? []), ...derived]);
  const weekly = data.history.get(account.id) ?? [];
  const past = weekly.map((h) => storedScore(h.explanation)).filter((s): s is HealthScore => s !== undefined);
  const cutoff = now.getTime() - compareDays * 86_400_000;
  const latest = data.latest.get(account.id);
  const previous =
    compareDays === 0
      ? latest && storedScore(latest.explanation)
      : storedScore([...weekly].reverse().find((h) => h.computedAt.getTime() <= cutoff)?.explanation);
  const assessment = assessAccount({
    ...(previous ? { previous } : {}),
    model: data.models[index]!.model,
    triggerPresets: data.triggerPresets,
    observations: observationsOf,
    account: {
      status: 'active',
      ...(account.renewalDate ? { renewalDate: isoDay(account.renewalDate) } : {}),
      ...(account.contractStart ? { startDate: isoDay(account.contractStart) } : {}),
    },
    history: past,
    now,
  });
  return {
    account,
    assessment,
    modelReason: data.models[index]!.reason,
    voice: customerVoice(data.answers.get(account.id) ?? [], data.models[index]!.model, now, surveyWindowDays),
  };
}

export function toSnapshot(accountId: string, assessment: Assessment): SnapshotInput {
  return assessment.kind === 'scored'
    ? snapshotOf(accountId, assessment.score, assessment.signals)
    : gapSnapshotOf(accountId, assessment.gap, assessment.signals);
}

/** A "not enough data" snapshot: no overall, no band, the gap as its explanation, so the latest state is honest. */
export function gapSnapshotOf(accountId: string, gap: InsufficientData, signals: Signal[] = []): SnapshotInput {
  return {
    accountId,
    computedAt: new Date(gap.computedAt),
    overall: null,
    band: insufficientBandKey,
    confidence: 0,
    dimensions: {},
    explanation: gap as unknown as Prisma.InputJsonValue,
    signals: signals as unknown as Prisma.InputJsonValue,
    modelId: gap.modelId,
    modelVersion: gap.modelVersion,
  };
}

/** A score as a snapshot row: the model id and version, per-dimension scores and the full explanation. */
export function snapshotOf(
  accountId: string,
  score: HealthScore,
  signals: ScoredAssessment['signals'] = [],
): SnapshotInput {
  return {
    accountId,
    computedAt: new Date(score.computedAt),
    overall: score.overall,
    band: score.band.key,
    confidence: score.confidence,
    dimensions: Object.fromEntries(
      Object.values(score.dimensions).map((d) => [
        d.key,
        { score: d.score, weight: d.weight, contribution: d.contribution },
      ]),
    ) as Prisma.InputJsonValue,
    // The change's per-input detail can be rebuilt from this snapshot and the one before; keep its headline.
    explanation: {
      ...score,
      ...(score.change
        ? {
            change: {
              delta: score.change.delta,
              previousOverall: score.change.previousOverall,
              previousAt: score.change.previousAt,
              summary: score.change.summary,
              dimensions: [],
              ...(score.change.band ? { band: score.change.band } : {}),
            },
          }
        : {}),
    } as unknown as Prisma.InputJsonValue,
    signals: signals as unknown as Prisma.InputJsonValue,
    modelId: score.modelId,
    modelVersion: score.modelVersion,
  };
}

async function accountsWithStaleModel(prisma: PrismaClient, catalogue: PresetCatalogue): Promise<string[]> {
  const rows = await prisma.$queryRaw<
    { id: string; tier: string; segment: string; healthModelId: string | null; modelId: string; modelVersion: string }[]
  >`
    SELECT a.id, a.tier, a.segment, a."healthModelId", s."modelId", s."modelVersion"
    FROM "Account" a
    JOIN LATERAL (SELECT "modelId", "modelVersion" FROM "HealthSnapshot" s WHERE s."accountId" = a.id ORDER BY "computedAt" DESC, "recordedAt" DESC LIMIT 1) s ON true
    WHERE a.status = 'ACTIVE'`;
  return rows
    .filter((r) => {
      const model = catalogue.get(modelIdFor(catalogue.profile, r).modelId).model!;
      return model.id !== r.modelId || model.version !== r.modelVersion;
    })
    .map((r) => r.id);
}
