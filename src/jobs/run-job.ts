import { claimSlot, finishRun } from '../db/repositories/job-runs.js';
import type { JobDefinition, JobDeps } from './job.js';
import { latestSlot } from './slots.js';

export type JobOutcome =
  | { status: 'ran'; slot: Date; ms: number; summary: Record<string, unknown> }
  | { status: 'skipped'; slot: Date; reason: 'claimed elsewhere or already run' }
  | { status: 'failed'; slot: Date; ms: number; error: string };

/**
 * Runs `job` for the slot `now` falls in, if this runner wins the claim. Failures are recorded on
 * the run and logged; they do not stop the scheduler.
 */
export async function runJobOnce(
  deps: JobDeps,
  job: JobDefinition,
  now: Date,
  runner: string,
  slot: Date = latestSlot(job.schedule, now, deps.config.scheduleTimeZone),
): Promise<JobOutcome> {
  const claimed = await claimSlot(deps.prisma, { job: job.name, slot, runner, now, leaseMs: job.leaseMs });
  if (!claimed) return { status: 'skipped', slot, reason: 'claimed elsewhere or already run' };
  const started = performance.now();
  const log = deps.logger.child({ job: job.name, slot: slot.toISOString() });
  try {
    const summary = await job.run({ ...deps, logger: log }, now);
    await finishRun(deps.prisma, { job: job.name, slot, runner, now: new Date(), summary });
    const ms = Math.round(performance.now() - started);
    log.info({ ms, ...summary }, 'job done');
    return { status: 'ran', slot, ms, summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(deps.prisma, { job: job.name, slot, runner, now: new Date(), error: message }).catch(() => {});
    log.error({ err: error }, 'job failed');
    return { status: 'failed', slot, ms: Math.round(performance.now() - started), error: message };
  }
}
