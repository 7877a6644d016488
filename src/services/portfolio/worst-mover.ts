import type { PrismaClient } from '../../db/client.js';

/**
 * The account in a person's book whose score fell most over the last `days`, comparing its latest
 * snapshot with the latest one at least that old; undefined when nothing fell.
 */
export async function worstMover(
  prisma: PrismaClient,
  ownerId: string,
  now: Date,
  days = 28,
): Promise<{ name: string; from: number; to: number } | undefined> {
  const before = new Date(now.getTime() - days * 86_400_000);
  const rows = await prisma.$queryRaw<{ name: string; from: number; to: number }[]>`
    SELECT a.name, old.overall AS "from", cur.overall AS "to"
    FROM "Account" a
    JOIN LATERAL (SELECT overall FROM "HealthSnapshot" s WHERE s."accountId" = a.id AND s."computedAt" <= ${now}
                  ORDER BY "computedAt" DESC, "recordedAt" DESC LIMIT 1) cur ON true
    JOIN LATERAL (SELECT overall FROM "HealthSnapshot" s WHERE s."accountId" = a.id AND s."computedAt" <= ${before}
                  ORDER BY "computedAt" DESC, "recordedAt" DESC LIMIT 1) old ON true
    WHERE a."ownerId" = ${ownerId}::uuid AND a.status = 'ACTIVE' AND cur.overall < old.overall
    ORDER BY cur.overall - old.overall, a.name
    LIMIT 1`;
  return rows[0];
}
