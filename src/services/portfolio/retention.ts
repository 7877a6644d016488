import { retentionFigures, type RetentionFigures } from '../../core/metrics/retention.js';
import type { PrismaClient } from '../../db/client.js';

/** Retention of the renewals that came due between `from` and `to`, for the accounts in scope. */
export async function retentionFor(
  prisma: PrismaClient,
  options: { from: Date; to: Date; segment?: string; region?: string; tier?: string; ownerIds?: string[] },
): Promise<RetentionFigures[]> {
  const outcomes = await prisma.renewalOutcome.findMany({
    where: {
      occurredOn: { gte: options.from, lte: options.to },
      account: {
        ...(options.segment ? { segment: options.segment } : {}),
        ...(options.tier ? { tier: options.tier } : {}),
        ...(options.region ? { region: { equals: options.region, mode: 'insensitive' } } : {}),
        ...(options.ownerIds ? { ownerId: { in: options.ownerIds } } : {}),
      },
    },
    select: { kind: true, arrBefore: true, arrAfter: true, currency: true },
  });
  return retentionFigures(
    outcomes.map((o) => ({
      kind: o.kind,
      arrBefore: o.arrBefore === null ? null : Number(o.arrBefore),
      arrAfter: o.arrAfter === null ? null : Number(o.arrAfter),
      currency: o.currency,
    })),
  );
}
