import type { PrismaClient } from '../../db/client.js';
import { pruneRateWindows } from './rate-limit.js';

const dayMs = 86_400_000;

/**
 * Forgets what only recent work needs: finished rate windows, batches (with their idempotency keys)
 * after 30 days, and product events after 90 days (the longest event rule window is 90 days).
 */
export async function pruneIngestState(
  prisma: PrismaClient,
  now: Date,
): Promise<{ rateWindows: number; batches: number; productEvents: number }> {
  return {
    rateWindows: await pruneRateWindows(prisma, now),
    batches: (
      await prisma.ingestBatch.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 30 * dayMs) } } })
    ).count,
    productEvents: (
      await prisma.productEvent.deleteMany({ where: { occurredAt: { lt: new Date(now.getTime() - 91 * dayMs) } } })
    ).count,
  };
}
