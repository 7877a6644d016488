import type { DbClient } from './db-client.js';

export interface AccountWithLatestScore {
  id: string;
  name: string;
  segment: string;
  tier: string;
  region: string | null;
  industry: string | null;
  ownerId: string | null;
  ownerName: string | null;
  arr: string;
  currency: string;
  renewalDate: Date | null;
  overall: number | null;
  band: string | null;
  modelId: string | null;
  computedAt: Date | null;
  changeSummary: string | null;
}

/** Active accounts with their newest snapshot (if any), in one query. */
export async function accountsWithLatestScore(db: DbClient): Promise<AccountWithLatestScore[]> {
  return db.$queryRaw<AccountWithLatestScore[]>`
    SELECT a.id, a.name, a.segment, a.tier, a.region, a.industry, a."ownerId", u.name AS "ownerName", a.arr::text AS arr, a.currency,
           a."renewalDate", s.overall, s.band, s."modelId", s."computedAt", s.explanation #>> '{change,summary}' AS "changeSummary"
    FROM "Account" a
    LEFT JOIN "User" u ON u.id = a."ownerId"
    LEFT JOIN LATERAL (
      SELECT overall, band, "modelId", "computedAt", explanation FROM "HealthSnapshot" s
      WHERE s."accountId" = a.id ORDER BY "computedAt" DESC, "recordedAt" DESC LIMIT 1) s ON true
    WHERE a.status = 'ACTIVE'
    ORDER BY a.name`;
}

/** Each account's newest scored snapshot at or before `at`: its overall and dimension scores. */
export async function scoresAt(
  db: DbClient,
  at: Date,
): Promise<Map<string, { overall: number; dimensions: Record<string, { score: number | null } | undefined> }>> {
  const found = await db.$queryRaw<{ accountId: string; overall: number; dimensions: unknown }[]>`
    SELECT DISTINCT ON ("accountId") "accountId", overall, dimensions
    FROM "HealthSnapshot"
    WHERE "computedAt" <= ${at} AND overall IS NOT NULL
    ORDER BY "accountId", "computedAt" DESC, "recordedAt" DESC`;
  return new Map(
    found.map((r) => [
      r.accountId,
      { overall: r.overall, dimensions: (r.dimensions ?? {}) as Record<string, { score: number | null } | undefined> },
    ]),
  );
}

/** When each account last had a touchpoint (a call, meeting, email, note), up to `now`. */
export async function lastTouchpoints(db: DbClient, now: Date): Promise<Map<string, Date>> {
  const found = await db.$queryRaw<{ accountId: string; at: Date }[]>`
    SELECT "accountId", max("occurredAt") AS at FROM "Activity" WHERE "occurredAt" <= ${now} GROUP BY "accountId"`;
  return new Map(found.map((r) => [r.accountId, r.at]));
}
