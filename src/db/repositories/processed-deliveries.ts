import type { DbClient } from './db-client.js';

/**
 * Claims a delivery (a Slack event id, a modal submission) for this process. True the first time
 * a key is seen by any replica; false for a retry or a duplicate, which must then do nothing.
 */
export async function claimDelivery(db: DbClient, key: string): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "ProcessedDelivery" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`;
  return inserted === 1;
}

/** Forgets deliveries older than `before`; Slack stops retrying within the hour. */
export async function pruneDeliveries(db: DbClient, before: Date): Promise<number> {
  const result = await db.processedDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
  return result.count;
}

/** Gives a claim back when the work it guarded failed, so a resubmission can try again. */
export async function releaseDelivery(db: DbClient, key: string): Promise<void> {
  await db.processedDelivery.deleteMany({ where: { key } });
}
