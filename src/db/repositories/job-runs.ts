import type { Prisma } from '../client.js';
import type { DbClient } from './db-client.js';

/**
 * Claims (job, slot) for `runner`. The unique (job, slot) row decides between replicas; a claim
 * still RUNNING past its lease (its runner died) is taken over. False: someone else has it or did it.
 */
export async function claimSlot(
  db: DbClient,
  claim: { job: string; slot: Date; runner: string; now: Date; leaseMs: number },
): Promise<boolean> {
  const expiresAt = new Date(claim.now.getTime() + claim.leaseMs);
  const inserted = await db.$executeRaw`
    INSERT INTO "JobRun" ("id", "job", "slot", "state", "runner", "claimedAt", "expiresAt")
    VALUES (gen_random_uuid(), ${claim.job}, ${claim.slot}, 'RUNNING', ${claim.runner}, ${claim.now}, ${expiresAt})
    ON CONFLICT ("job", "slot") DO NOTHING`;
  if (inserted === 1) return true;
  const takenOver = await db.$executeRaw`
    UPDATE "JobRun" SET "runner" = ${claim.runner}, "claimedAt" = ${claim.now}, "expiresAt" = ${expiresAt}
    WHERE "job" = ${claim.job} AND "slot" = ${claim.slot} AND "state" = 'RUNNING' AND "expiresAt" < ${claim.now}`;
  return takenOver === 1;
}

/**
 * Renews `runner`'s claim on (job, slot) until `now + leaseMs`. False when the claim is no longer
 * this runner's (taken over after a missed lease, or finished): the caller has lost the slot.
 */
export async function renewLease(
  db: DbClient,
  claim: { job: string; slot: Date; runner: string; now: Date; leaseMs: number },
): Promise<boolean> {
  const renewed = await db.jobRun.updateMany({
    where: { job: claim.job, slot: claim.slot, runner: claim.runner, state: 'RUNNING' },
    data: { expiresAt: new Date(claim.now.getTime() + claim.leaseMs) },
  });
  return renewed.count === 1;
}

export async function finishRun(
  db: DbClient,
  run: { job: string; slot: Date; runner: string; now: Date; error?: string; summary?: unknown },
): Promise<void> {
  await db.jobRun.updateMany({
    where: { job: run.job, slot: run.slot, runner: run.runner },
    data: {
      state: run.error ? 'FAILED' : 'SUCCEEDED',
      finishedAt: run.now,
      error: run.error ?? null,
      ...(run.summary === undefined ? {} : { summary: run.summary as Prisma.InputJsonValue }),
    },
  });
}

/** The newest run of each job, for `tend jobs list`. */
export async function lastRuns(db: DbClient) {
  const rows = await db.jobRun.findMany({ orderBy: { slot: 'desc' }, distinct: ['job'] });
  return new Map(rows.map((r) => [r.job, r]));
}
