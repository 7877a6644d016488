import type { PrismaClient } from '../../db/client.js';
import { claimDelivery, releaseDelivery } from '../../db/repositories/processed-deliveries.js';

/**
 * True for the first replica to see a delivery (a Slack event id, a modal submission); false for
 * a retry or duplicate, which must then do nothing.
 */
export function firstDelivery(prisma: PrismaClient, key: string): Promise<boolean> {
  return claimDelivery(prisma, key);
}

/** Gives a delivery back when the work it guarded failed, so a resubmission can try again. */
export function forgetDelivery(prisma: PrismaClient, key: string): Promise<void> {
  return releaseDelivery(prisma, key);
}
