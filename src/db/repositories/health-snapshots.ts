import type { Prisma } from '../client.js';
import type { DbClient } from './db-client.js';
import { appendTo } from '../../core/collections/append-to.js';

export interface SnapshotInput {
  accountId: string;
  computedAt: Date;
  /** Null for a "not enough data" snapshot. */
  overall: number | null;
  band: string;
  confidence: number;
  dimensions: Prisma.InputJsonValue;
  explanation: Prisma.InputJsonValue;
  signals: Prisma.InputJsonValue;
  modelId: string;
  modelVersion: string;
  /** When the data it was scored from was read, on the database's clock (default: the write). */
  recordedAt?: Date;
}

/** The database's clock, read before scoring: data written after it is picked up by the next "changed" run. */
export async function databaseClock(db: DbClient): Promise<Date> {
  const [row] = await db.$queryRaw<{ at: Date }[]>`SELECT clock_timestamp() AS at`;
  return row!.at;
}

/**
 * Inserts snapshots in batches of one statement each. Explanations are large JSON documents; the
 * whole batch travels as one JSON array that PostgreSQL splits with jsonb_array_elements, which
 * parses several times faster than an array of jsonb parameters.
 */
export async function insertSnapshots(db: DbClient, snapshots: SnapshotInput[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < snapshots.length; i += 1_000) {
    const batch = JSON.stringify(snapshots.slice(i, i + 1_000));
    written += await db.$executeRaw`
      INSERT INTO "HealthSnapshot" ("id", "accountId", "computedAt", "recordedAt", "overall", "band", "confidence", "dimensions", "explanation", "signals", "modelId", "modelVersion")
      SELECT gen_random_uuid(), (r->>'accountId')::uuid, (r->>'computedAt')::timestamptz, COALESCE((r->>'recordedAt')::timestamptz, now()),
             (r->>'overall')::float8, r->>'band',
             (r->>'confidence')::float8, r->'dimensions', r->'explanation', r->'signals', r->>'modelId', r->>'modelVersion'
      FROM jsonb_array_elements(${batch}::jsonb) AS r`;
  }
  return written;
}

export interface LatestSnapshot {
  accountId: string;
  computedAt: Date;
  /** Null for a "not enough data" snapshot. */
  overall: number | null;
  band: string;
  modelId: string;
  modelVersion: string;
  explanation: unknown;
  /** Signals the triggers raised at this score. */
  signals: unknown;
}

/** The newest snapshot of each given account taken before `before` (one query). */
export async function latestSnapshots(
  db: DbClient,
  accountIds: string[],
  before: Date,
): Promise<Map<string, LatestSnapshot>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.$queryRaw<LatestSnapshot[]>`
    SELECT DISTINCT ON ("accountId") "accountId", "computedAt", "overall", "band", "modelId", "modelVersion", "explanation", "signals"
    FROM "HealthSnapshot" WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "computedAt" < ${before}
    ORDER BY "accountId", "computedAt" DESC, "recordedAt" DESC`;
  return new Map(rows.map((r) => [r.accountId, r]));
}

/**
 * One snapshot per week (the newest of each week) over the last `weeks` weeks before `before`,
 * oldest first: the periods trends are computed over, whatever the recompute frequency.
 */
export async function weeklySnapshots(
  db: DbClient,
  accountIds: string[],
  weeks: number,
  before: Date,
): Promise<Map<string, { computedAt: Date; explanation: unknown }[]>> {
  if (accountIds.length === 0) return new Map();
  const since = new Date(before.getTime() - weeks * 7 * 86_400_000);
  const rows = await db.$queryRaw<{ accountId: string; computedAt: Date; explanation: unknown }[]>`
    SELECT "accountId", "computedAt", "explanation" FROM (
      SELECT DISTINCT ON ("accountId", date_trunc('week', "computedAt")) "accountId", "computedAt", "explanation"
      FROM "HealthSnapshot"
      WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "computedAt" < ${before} AND "computedAt" >= ${since}
      ORDER BY "accountId", date_trunc('week', "computedAt"), "computedAt" DESC, "recordedAt" DESC) s
    ORDER BY "accountId", "computedAt"`;
  const out = new Map<string, { computedAt: Date; explanation: unknown }[]>();
  for (const r of rows) appendTo(out, r.accountId, { computedAt: r.computedAt, explanation: r.explanation });
  return out;
}

/**
 * Active accounts with data (metrics, feedback or account fields) written after their latest snapshot
 * was, or none yet. Write times are compared with write times (both on the database's clock), never
 * with the time a score is as of, which a backfill or a test's fixed clock sets in the past.
 */
export async function accountsChangedSinceSnapshot(db: DbClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "Account" a
    LEFT JOIN LATERAL (
      SELECT "recordedAt" FROM "HealthSnapshot" s WHERE s."accountId" = a.id ORDER BY "recordedAt" DESC LIMIT 1
    ) s ON true
    WHERE a.status = 'ACTIVE' AND (
      s."recordedAt" IS NULL
      OR a."updatedAt" > s."recordedAt"
      OR EXISTS (SELECT 1 FROM "MetricObservation" m WHERE m."accountId" = a.id AND m."createdAt" > s."recordedAt")
      OR EXISTS (SELECT 1 FROM "FeedbackItem" f WHERE f."accountId" = a.id AND f."updatedAt" > s."recordedAt"))`;
  return rows.map((r) => r.id);
}

export interface ScoreProbe {
  accountId: string;
  at: Date;
}

/**
 * For each probe, the overall score of the account's snapshot nearest to `at` within `toleranceDays`
 * (the earlier on a tie), computed no later than `notAfter`; null where none. One index probe each,
 * so a report over a large book reads a few scores per case, not every snapshot it has.
 */
export async function scoresNear(
  db: DbClient,
  probes: ScoreProbe[],
  toleranceDays: number,
  notAfter: Date,
): Promise<(number | null)[]> {
  if (probes.length === 0) return [];
  const rows = await db.$queryRaw<{ i: bigint | number; overall: number | null }[]>`
    SELECT p.i, s.overall
    FROM unnest(${probes.map((p) => p.accountId)}::uuid[], ${probes.map((p) => p.at)}::timestamptz[])
      WITH ORDINALITY AS p("accountId", at, i)
    LEFT JOIN LATERAL (
      SELECT h.overall FROM "HealthSnapshot" h
      WHERE h."accountId" = p."accountId" AND h.overall IS NOT NULL AND h."computedAt" <= ${notAfter}
        AND h."computedAt" BETWEEN p.at - make_interval(days => ${toleranceDays}::int)
                               AND p.at + make_interval(days => ${toleranceDays}::int)
      ORDER BY abs(extract(epoch FROM h."computedAt" - p.at)), h."computedAt"
      LIMIT 1
    ) s ON true`;
  const scores: (number | null)[] = probes.map(() => null);
  for (const r of rows) scores[Number(r.i) - 1] = r.overall === null ? null : Number(r.overall);
  return scores;
}
