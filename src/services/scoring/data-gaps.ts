import { insufficientBandKey, isInsufficient } from '../../core/scoring/data-sufficiency.js';
import type { PrismaClient } from '../../db/client.js';
import { scoringFailures } from '../../db/repositories/scoring-failures.js';

export interface DataGap {
  accountId: string;
  name: string;
  owner: string | null;
  /** When Tend last found the gap (the latest snapshot). */
  checkedAt: Date;
  /** Newest data of any model input, null when there never was any. */
  newestData: string | null;
  text: string;
}

/** Active accounts whose latest state is "not enough data to score", for `tend sources` and the sources reply. */
export async function dataGaps(prisma: PrismaClient): Promise<DataGap[]> {
  const rows = await prisma.$queryRaw<
    { accountId: string; name: string; owner: string | null; computedAt: Date; band: string; explanation: unknown }[]
  >`
    SELECT a.id AS "accountId", a.name, u.name AS owner, s."computedAt", s.band, s.explanation
    FROM "Account" a
    LEFT JOIN "User" u ON u.id = a."ownerId"
    JOIN LATERAL (SELECT "computedAt", band, explanation FROM "HealthSnapshot" s WHERE s."accountId" = a.id
                  ORDER BY "computedAt" DESC, "recordedAt" DESC LIMIT 1) s ON true
    WHERE a.status = 'ACTIVE' AND s.band = ${insufficientBandKey}
    ORDER BY a.name`;
  return rows.flatMap((r) =>
    isInsufficient(r.explanation)
      ? [
          {
            accountId: r.accountId,
            name: r.name,
            owner: r.owner,
            checkedAt: r.computedAt,
            newestData: r.explanation.newestData,
            text: r.explanation.text,
          },
        ]
      : [],
  );
}

/** Active accounts whose last scoring failed on their stored data, with why. */
export function scoringFailuresOf(prisma: PrismaClient): Promise<{ name: string; error: string; failedAt: Date }[]> {
  return scoringFailures(prisma);
}
