import type { PrismaClient } from '../../db/client.js';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the next window opens (for Retry-After). */
  retryAfterSeconds: number;
  remaining: number;
}

/**
 * Counts a request against a key's per-minute budget in the database, so every replica behind the
 * load balancer shares one count.
 */
export async function takeRequest(
  prisma: PrismaClient,
  keyId: string,
  now: Date,
  perMinute: number,
): Promise<RateDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "IngestRateWindow" ("keyId", "windowStart", "count") VALUES (${keyId}, ${windowStart}, 1)
    ON CONFLICT ("keyId", "windowStart") DO UPDATE SET "count" = "IngestRateWindow"."count" + 1
    RETURNING "count"`;
  const count = Number(row!.count);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
  return { allowed: count <= perMinute, retryAfterSeconds, remaining: Math.max(0, perMinute - count) };
}

/** Forgets finished windows (the daily pruning job). */
export async function pruneRateWindows(prisma: PrismaClient, now: Date): Promise<number> {
  return (
    await prisma.ingestRateWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 120_000) } } })
  ).count;
}
