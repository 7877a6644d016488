import { isoDay } from '../../core/lifecycle/calendar.js';
import type { PrismaClient } from '../../db/client.js';
import { insertSnapshots, type SnapshotInput } from '../../db/repositories/health-snapshots.js';
import { scoringAccounts, type ScoringAccount } from '../../db/repositories/scoring-data.js';
import { coverageGaps, type CoverageGaps } from '../../core/scoring/coverage-gaps.js';
import type { InsufficientData } from '../../core/scoring/data-sufficiency.js';
import type { HealthModel } from '../../core/scoring/health-model-schema.js';
import { loadPresetCatalogue } from './preset-catalogue.js';
import { assessChunk, toSnapshot, type RecomputeResult } from './recompute-health.js';

const dayMs = 86_400_000;
const chunkSize = 1_000;

export interface BackfillRequest {
  /** First and last day scored (UTC days; each score is as of the start of its day). */
  from: Date;
  to: Date;
  everyDays: number;
}

export interface BackfillProgress {
  done: number;
  total: number;
  day: string;
  snapshots: number;
}

export interface BackfillResult {
  days: string[];
  /** Snapshots written (scores and "not enough data" states). */
  snapshots: number;
  /** Of them, "not enough data" states (old data or too little of it). */
  insufficient: number;
  /** Account-days left out: before the account had any data, or after a former customer's contract ended. */
  skipped: number;
  failed: RecomputeResult['failed'];
  /** Per model that left snapshots "not enough data": the inputs it lacked and what they weigh. */
  coverage: CoverageGaps[];
  ms: number;
}

/** The days a backfill scores: `from`, then every `everyDays`, up to and including `to`. */
export function backfillDays(request: BackfillRequest): Date[] {
  const start = Date.parse(`${isoDay(request.from)}T00:00:00Z`);
  const end = Date.parse(`${isoDay(request.to)}T00:00:00Z`);
  const out: Date[] = [];
  for (let t = start; t <= end; t += request.everyDays * dayMs) out.push(new Date(t));
  return out;
}

/** A former customer counts up to the end of its contract; the backfill does not score it after. */
const customerOn = (account: ScoringAccount, at: Date) =>
  account.status === 'ACTIVE' || !account.contractEnd || at.getTime() <= account.contractEnd.getTime() + dayMs;

/**
 * Scores history from dated data, day by day, oldest first, and writes snapshots only: no alerts, no
 * messages, whatever the scores say. Former customers are scored too, so backtests see them.
 * Idempotent: a day scored again replaces that day's snapshots. Each snapshot is recorded as of its
 * own day, so the live "changed since" check still rescores accounts whose data arrived later.
 */
export async function backfillHistory(
  prisma: PrismaClient,
  request: BackfillRequest,
  onProgress?: (progress: BackfillProgress) => void,
): Promise<BackfillResult> {
  const started = Date.now();
  const days = backfillDays(request);
  const catalogue = await loadPresetCatalogue(prisma);
  const accounts = await scoringAccounts(prisma, undefined, { includeChurned: true });
  const result: BackfillResult = {
    days: days.map(isoDay),
    snapshots: 0,
    insufficient: 0,
    skipped: 0,
    failed: [],
    coverage: [],
    ms: 0,
  };
  const gaps: InsufficientData[] = [];
  for (const [i, at] of days.entries()) {
    const eligible = accounts.filter((a) => customerOn(a, at));
    result.skipped += accounts.length - eligible.length;
    for (let c = 0; c < eligible.length; c += chunkSize) {
      const chunk = eligible.slice(c, c + chunkSize);
      const assessed = await assessChunk(prisma, catalogue, chunk, at, 0, result.failed);
      const snapshots: SnapshotInput[] = [];
      for (const { account, assessment } of assessed) {
        // Nothing to record before an account had any data: it was not a customer Tend knew of yet.
        if (
          assessment.kind === 'insufficient-data' &&
          (assessment.gap.reason === 'before-start' || assessment.gap.reason === 'no-data')
        ) {
          result.skipped += 1;
          continue;
        }
        if (assessment.kind === 'insufficient-data') {
          result.insufficient += 1;
          gaps.push(assessment.gap);
        }
        snapshots.push({ ...toSnapshot(account.id, assessment), recordedAt: at });
      }
      const ids = chunk.map((a) => a.id);
      await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`DELETE FROM "HealthSnapshot" WHERE "accountId" = ANY(${ids}::uuid[]) AND "computedAt" = ${at}`;
        await insertSnapshots(tx, snapshots);
      });
      result.snapshots += snapshots.length;
    }
    onProgress?.({ done: i + 1, total: days.length, day: isoDay(at), snapshots: result.snapshots });
  }
  const models = new Map<string, HealthModel>();
  for (const preset of catalogue.presets.values()) if (preset.model) models.set(preset.model.id, preset.model);
  result.coverage = [...models.values()].flatMap((model) => coverageGaps(model, gaps) ?? []);
  result.ms = Date.now() - started;
  return result;
}
