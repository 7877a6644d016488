import { assessAccount, dataWindowDays, type Assessment } from '../../core/assess-account.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { surveyMetrics } from '../../core/metrics/derived-metrics.js';
import { modelIdFor } from '../../core/presets/workspace-profile.js';
import type { HealthScore } from '../../core/scoring/health-score.js';
import { indexObservations, type Observation } from '../../core/scoring/resolve-inputs.js';
import type { Prisma, PrismaClient } from '../../db/client.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { accountsChangedSinceSnapshot, insertSnapshots, recentSnapshots, type SnapshotInput } from '../../db/repositories/health-snapshots.js';
import { observationsSince, scoringAccounts, surveyAnswersSince, type ScoringAccount } from '../../db/repositories/scoring-data.js';
import { loadPresetCatalogue, type PresetCatalogue } from './preset-catalogue.js';

export interface RecomputeResult {
  considered: number;
  scored: number;
  ms: number;
  /** Accounts whose band changed, for alerts. */
  bandChanges: { accountId: string; from: string; to: string }[];
}

const chunkSize = 500;
const historyDepth = 6;
const surveyWindowDays = 180;

/** Reads an explanation stored with a snapshot back as the core's type. */
export function storedScore(explanation: unknown): HealthScore | undefined {
  const e = explanation as Partial<HealthScore> | null;
  return e && typeof e === 'object' && typeof e.overallExact === 'number' && e.dimensions ? (e as HealthScore) : undefined;
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
  if (!ids && options.mode === 'changed') {
    ids = [...new Set([...(await accountsChangedSinceSnapshot(prisma)), ...(await accountsWithStaleModel(prisma, catalogue))])];
  }
  const accounts = await scoringAccounts(prisma, ids);
  const result: RecomputeResult = { considered: accounts.length, scored: 0, ms: 0, bandChanges: [] };
  for (let i = 0; i < accounts.length; i += chunkSize) {
    const chunk = accounts.slice(i, i + chunkSize);
    const assessed = await assessChunk(prisma, catalogue, chunk, options.now);
    const snapshots: SnapshotInput[] = assessed.map(({ account, assessment }) => toSnapshot(account.id, assessment));
    await prisma.$transaction(async (tx) => insertSnapshots(tx, snapshots));
    result.scored += snapshots.length;
    for (const { account, assessment } of assessed) {
      const band = assessment.score.change?.band;
      if (band) result.bandChanges.push({ accountId: account.id, from: band.from, to: band.to });
    }
  }
  result.ms = Date.now() - started;
  return result;
}

export interface AssessedAccount {
  account: ScoringAccount;
  assessment: Assessment;
  modelReason: string;
}

/** Loads what a group of accounts needs (metrics in the models' windows, survey answers, recent snapshots) and assesses each. */
export async function assessChunk(
  db: DbClient,
  catalogue: PresetCatalogue,
  accounts: ScoringAccount[],
  now: Date,
): Promise<AssessedAccount[]> {
  const triggerPresets = catalogue.profile.triggers.map((id) => catalogue.get(id));
  const models = accounts.map((a) => {
    const choice = modelIdFor(catalogue.profile, a);
    return { model: catalogue.get(choice.modelId).model!, reason: choice.reason };
  });
  const window = Math.max(...models.map((m) => dataWindowDays(m.model, triggerPresets)));
  const ids = accounts.map((a) => a.id);
  const since = isoDay(new Date(now.getTime() - (window + 1) * 86_400_000));
  const [observations, answers, history] = await Promise.all([
    observationsSince(db, ids, since),
    surveyAnswersSince(db, ids, new Date(now.getTime() - surveyWindowDays * 86_400_000)),
    recentSnapshots(db, ids, historyDepth),
  ]);
  const byAccount = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byAccount.get(o.accountId) ?? [];
    list.push({ metric: o.metric, date: o.date, value: o.value });
    byAccount.set(o.accountId, list);
  }
  const answersByAccount = new Map<string, { surveyType: string; score: number; receivedAt: string }[]>();
  for (const a of answers) {
    const list = answersByAccount.get(a.accountId) ?? [];
    list.push({ surveyType: a.surveyType, score: a.score, receivedAt: a.receivedAt.toISOString() });
    answersByAccount.set(a.accountId, list);
  }
  return accounts.map((account, index) => {
    const derived = surveyMetrics(answersByAccount.get(account.id) ?? [], now, surveyWindowDays);
    const observationsOf = indexObservations([...(byAccount.get(account.id) ?? []), ...derived]);
    const past = (history.get(account.id) ?? [])
      .filter((h) => h.computedAt.getTime() < now.getTime())
      .map((h) => storedScore(h.explanation))
      .filter((s): s is HealthScore => s !== undefined);
    const assessment = assessAccount({
      model: models[index]!.model,
      triggerPresets,
      observations: observationsOf,
      account: { status: 'active', ...(account.renewalDate ? { renewalDate: isoDay(account.renewalDate) } : {}) },
      history: past,
      now,
    });
    return { account, assessment, modelReason: models[index]!.reason };
  });
}

function toSnapshot(accountId: string, assessment: Assessment): SnapshotInput {
  const { score, signals } = assessment;
  return {
    accountId,
    computedAt: new Date(score.computedAt),
    overall: score.overall,
    band: score.band.key,
    confidence: score.confidence,
    dimensions: Object.fromEntries(
      Object.values(score.dimensions).map((d) => [d.key, { score: d.score, weight: d.weight, contribution: d.contribution }]),
    ) as Prisma.InputJsonValue,
    explanation: score as unknown as Prisma.InputJsonValue,
    signals: signals as unknown as Prisma.InputJsonValue,
    modelId: score.modelId,
    modelVersion: score.modelVersion,
  };
}

async function accountsWithStaleModel(prisma: PrismaClient, catalogue: PresetCatalogue): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string; tier: string; segment: string; healthModelId: string | null; modelId: string; modelVersion: string }[]>`
    SELECT a.id, a.tier, a.segment, a."healthModelId", s."modelId", s."modelVersion"
    FROM "Account" a
    JOIN LATERAL (SELECT "modelId", "modelVersion" FROM "HealthSnapshot" s WHERE s."accountId" = a.id ORDER BY "computedAt" DESC LIMIT 1) s ON true
    WHERE a.status = 'ACTIVE'`;
  return rows
    .filter((r) => {
      const model = catalogue.get(modelIdFor(catalogue.profile, r).modelId).model!;
      return model.id !== r.modelId || model.version !== r.modelVersion;
    })
    .map((r) => r.id);
}
