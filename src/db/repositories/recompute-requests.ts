import type { DbClient } from './db-client.js';

// The queue of accounts to score because their data changed. Claims are leases in the database, so
// any number of replicas drain it and each account is scored by one of them at a time.

/**
 * Asks for the accounts to be scored. New data for an account being scored right now marks it to be
 * scored once more after (`again`); for one already waiting, the first arrival's time is kept, so a
 * steady stream of data cannot postpone its score.
 */
export async function requestRecompute(db: DbClient, accountIds: string[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "RecomputeRequest" ("accountId", "requestedAt")
    SELECT id, clock_timestamp() FROM unnest(${ids}::uuid[]) AS id
    ON CONFLICT ("accountId") DO UPDATE SET "again" = "RecomputeRequest"."claimedBy" IS NOT NULL`;
}

/**
 * Puts accounts in the queue only where they are not already (the minute sweep: what it found
 * changed may be in the middle of being scored, which covers it).
 */
export async function enqueueIfAbsent(db: DbClient, accountIds: string[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "RecomputeRequest" ("accountId", "requestedAt")
    SELECT id, clock_timestamp() - interval '1 hour' FROM unnest(${ids}::uuid[]) AS id
    ON CONFLICT ("accountId") DO NOTHING`;
}

/**
 * Claims up to `limit` accounts whose first request is at least `debounceMs` old (or whose earlier
 * claim has lapsed), for `runner`, for `leaseMs`. One statement, rows locked with SKIP LOCKED: two
 * replicas never claim the same account.
 */
export async function claimRecompute(
  db: DbClient,
  claim: { runner: string; debounceMs: number; leaseMs: number; limit: number },
): Promise<string[]> {
  const rows = await db.$queryRaw<{ accountId: string }[]>`
    UPDATE "RecomputeRequest" SET "claimedBy" = ${claim.runner},
      "claimedUntil" = clock_timestamp() + make_interval(secs => ${claim.leaseMs / 1000}::float8), "again" = false
    WHERE "accountId" IN (
      SELECT "accountId" FROM "RecomputeRequest"
      WHERE ("claimedBy" IS NULL AND "requestedAt" <= clock_timestamp() - make_interval(secs => ${claim.debounceMs / 1000}::float8))
         OR "claimedUntil" < clock_timestamp()
      ORDER BY "requestedAt" LIMIT ${claim.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "accountId"`;
  return rows.map((r) => r.accountId);
}

/** Done: drops the requests, except those that got new data meanwhile, which wait again. */
export async function finishRecompute(db: DbClient, runner: string, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.$executeRaw`
    DELETE FROM "RecomputeRequest" WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "claimedBy" = ${runner} AND NOT "again"`;
  await db.$executeRaw`
    UPDATE "RecomputeRequest" SET "claimedBy" = NULL, "claimedUntil" = NULL, "again" = false, "requestedAt" = clock_timestamp()
    WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "claimedBy" = ${runner}`;
}

/** Gives claimed accounts back at once (scoring failed): the next claim retries them. */
export async function releaseRecompute(db: DbClient, runner: string, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.$executeRaw`
    UPDATE "RecomputeRequest" SET "claimedBy" = NULL, "claimedUntil" = NULL
    WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "claimedBy" = ${runner}`;
}
