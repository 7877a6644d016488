import type { DbClient } from '../../db/repositories/db-client.js';
import { requestRecompute } from '../../db/repositories/recompute-requests.js';
import { appendTo } from '../../core/collections/append-to.js';

/**
 * Hours after which a source with no Source row (data written under a name no key or connector
 * created) counts as stale: the Source table's own default.
 */
const defaultStaleAfterHours = 26;

/** Records that a source sent data about these accounts now, and queues them to be scored. */
export async function markAccountsFresh(db: DbClient, accountIds: string[], source: string, now: Date): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "AccountFreshness" ("accountId", "source", "lastArrivedAt")
    SELECT id, ${source}, ${now} FROM unnest(${ids}::uuid[]) AS id
    ON CONFLICT ("accountId", "source") DO UPDATE SET "lastArrivedAt" = EXCLUDED."lastArrivedAt"`;
  // In the same transaction as the data: committed data is always queued for a score within seconds.
  await requestRecompute(db, ids);
}

export interface SourceFreshness {
  source: string;
  lastArrivedAt: Date;
  /** Whole minutes since then. */
  ageMinutes: number;
  staleAfterHours: number;
  stale: boolean;
}

/** When each source last sent data about an account, oldest first, with whether it is stale. */
export async function accountFreshness(db: DbClient, accountId: string, now: Date): Promise<SourceFreshness[]> {
  const rows = await db.$queryRaw<{ source: string; lastArrivedAt: Date; staleAfterHours: number | null }[]>`
    SELECT f.source, f."lastArrivedAt", s."staleAfterHours"
    FROM "AccountFreshness" f LEFT JOIN "Source" s ON s.name = f.source
    WHERE f."accountId" = ${accountId}::uuid
    ORDER BY f."lastArrivedAt"`;
  return rows.map((r) => {
    const staleAfterHours = r.staleAfterHours ?? defaultStaleAfterHours;
    return {
      source: r.source,
      lastArrivedAt: r.lastArrivedAt,
      ageMinutes: Math.max(0, Math.floor((now.getTime() - r.lastArrivedAt.getTime()) / 60_000)),
      staleAfterHours,
      stale: now.getTime() - r.lastArrivedAt.getTime() > staleAfterHours * 3_600_000,
    };
  });
}

/** For each account, the sources that have gone quiet about it (past their `staleAfterHours`). */
export async function staleSourcesOf(db: DbClient, accountIds: string[], now: Date): Promise<Map<string, string[]>> {
  const stale = new Map<string, string[]>();
  if (accountIds.length === 0) return stale;
  const rows = await db.$queryRaw<{ accountId: string; source: string }[]>`
    SELECT f."accountId", f.source
    FROM "AccountFreshness" f LEFT JOIN "Source" s ON s.name = f.source
    WHERE f."accountId" = ANY(${accountIds}::uuid[])
      AND f."lastArrivedAt" < ${now}::timestamptz - make_interval(hours => COALESCE(s."staleAfterHours", ${defaultStaleAfterHours}::int))
    ORDER BY f.source`;
  for (const r of rows) appendTo(stale, r.accountId, r.source);
  return stale;
}

/**
 * What fed each account, newest first, to the minute ("segment 2026-11-16 09:03 UTC"): alerts name
 * the sources behind them and when each last delivered.
 */
export async function sourcesFedOf(db: DbClient, accountIds: string[]): Promise<Map<string, string[]>> {
  const fed = new Map<string, string[]>();
  if (accountIds.length === 0) return fed;
  const rows = await db.$queryRaw<{ accountId: string; source: string; lastArrivedAt: Date }[]>`
    SELECT "accountId", source, "lastArrivedAt" FROM "AccountFreshness"
    WHERE "accountId" = ANY(${accountIds}::uuid[]) ORDER BY "lastArrivedAt" DESC, source`;
  for (const r of rows) {
    const at = r.lastArrivedAt.toISOString().slice(0, 16).replace('T', ' ');
    appendTo(fed, r.accountId, `${r.source} ${at} UTC`);
  }
  return fed;
}
