import { claimSlot, finishRun, renewLease } from '../db/repositories/job-runs.js';
import type { JobDefinition, JobDeps } from './job.js';
import { jobLease, type LeaseTiming } from './job-lease.js';
import { latestSlot } from './slots.js';

export type JobOutcome =
  | { status: 'ran'; slot: Date; ms: number; summary: Record<string, unknown> }
  | { status: 'skipped'; slot: Date; reason: 'claimed elsewhere or already run' }
  | { status: 'failed'; slot: Date; ms: number; error: string };

export interface RunJobOptions {
  slot?: Date;
  /** Lease length and heartbeat interval; tests shorten the heartbeat. */
  lease?: LeaseTiming;
  /**
   * The time leases are renewed at. By default `now` moved on by the real time elapsed since the
   * run started, so a run for a given `now` keeps its lease on the same timeline it claimed on.
   */
  clock?: () => Date;
}

/**
 * Runs `job` for the slot `now` falls in, if this runner wins the claim. While the job works, a
 * heartbeat renews the short lease; if the process dies, the heartbeat stops and another replica
 * takes the slot over once the lease ends. Failures are recorded on the run and logged; they do not
 * stop the scheduler.
 */
export async function runJobOnce(
  deps: JobDeps,
  job: JobDefinition,
  now: Date,
  runner: string,
  slotOrOptions: Date | RunJobOptions = {},
): Promise<JobOutcome> {
  const options = slotOrOptions instanceof Date ? { slot: slotOrOptions } : slotOrOptions;
  const slot = options.slot ?? latestSlot(job.schedule, now, deps.config.scheduleTimeZone);
  const lease = options.lease ?? jobLease;
  const started = performance.now();
  const clock = options.clock ?? (() => new Date(now.getTime() + (performance.now() - started)));
  const claimed = await claimSlot(deps.prisma, { job: job.name, slot, runner, now, leaseMs: lease.leaseMs });
  if (!claimed) return { status: 'skipped', slot, reason: 'claimed elsewhere or already run' };
  const log = deps.logger.child({ job: job.name, slot: slot.toISOString() });
  const heartbeat = setInterval(() => {
    renewLease(deps.prisma, { job: job.name, slot, runner, now: clock(), leaseMs: lease.leaseMs }).then(
      (held) => {
        if (!held) log.warn({ runner }, 'job lease lost: the slot was taken over after a missed heartbeat');
      },
      (error: unknown) => log.warn({ err: error }, 'job heartbeat failed; retrying at the next beat'),
    );
  }, lease.heartbeatEveryMs);
  try {
    const summary = await job.run({ ...deps, logger: log }, now);
    clearInterval(heartbeat);
    await finishRun(deps.prisma, { job: job.name, slot, runner, now: clock(), summary });
    const ms = Math.round(performance.now() - started);
    log.info({ ms, ...summary }, 'job done');
    return { status: 'ran', slot, ms, summary };
  } catch (error) {
    clearInterval(heartbeat);
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(deps.prisma, { job: job.name, slot, runner, now: clock(), error: message }).catch(() => {});
    log.error({ err: error }, 'job failed');
    return { status: 'failed', slot, ms: Math.round(performance.now() - started), error: message };
  }
}
