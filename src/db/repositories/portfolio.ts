import type { DbClient } from './db-client.js';

export interface AccountWithLatestScore {
  id: string;
  name: string;
  segment: string;
  tier: string;
  region: string | null;
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
    SELECT a.id, a.name, a.segment, a.tier, a.region, a."ownerId", u.name AS "ownerName", a.arr::text AS arr, a.currency,
           a."renewalDate", s.overall, s.band, s."modelId", s."computedAt", s.explanation #>> '{change,summary}' AS "changeSummary"
    FROM "Account" a
    LEFT JOIN "User" u ON u.id = a."ownerId"
    LEFT JOIN LATERAL (
      SELECT overall, band, "modelId", "computedAt", explanation FROM "HealthSnapshot" s
      WHERE s."accountId" = a.id ORDER BY "computedAt" DESC, "recordedAt" DESC LIMIT 1) s ON true
    WHERE a.status = 'ACTIVE'
    ORDER BY a.name`;
}
