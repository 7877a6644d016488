import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { JobDefinition, JobDeps } from './job.js';
import { staleSlotCheckEveryMs } from './job-lease.js';
import { runJobOnce, type JobOutcome } from './run-job.js';

export interface Scheduler {
  runner: string;
  /** Runs each enabled job's latest slot now if nobody has (catch-up after downtime), then on schedule. */
  start(): Promise<void>;
  /** Stops scheduling and waits for runs in progress. */
  stop(): Promise<void>;
}

/**
 * node-cron decides when to wake; the database decides who runs. Several replicas may wake for the
 * same tick: each claims (job, slot) and only one wins. A job still running when its next tick comes
 * is not started twice in this process. A slot left RUNNING by a dead runner is retried every
 * `staleSlotCheckEveryMs` and taken over once its short lease has run out.
 */
export function createScheduler(
  deps: JobDeps,
  jobs: readonly JobDefinition[],
  options: { clock?: { now(): Date }; runner?: string; staleSlotCheckEveryMs?: number } = {},
): Scheduler {
  const clock = options.clock ?? { now: () => new Date() };
  const runner = options.runner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const tasks: ScheduledTask[] = [];
  let staleCheck: NodeJS.Timeout | undefined;
  const running = new Map<string, Promise<JobOutcome>>();
  let stopped = false;

  const tick = (job: JobDefinition) => {
    if (stopped || running.has(job.name)) return;
    const run = runJobOnce(deps, job, clock.now(), runner).finally(() => running.delete(job.name));
    running.set(job.name, run);
  };

  return {
    runner,
    async start() {
      for (const job of jobs.filter((j) => j.enabled)) {
        tasks.push(
          cron.schedule(job.schedule, () => tick(job), { timezone: deps.config.scheduleTimeZone, noOverlap: false }),
        );
        // A slot missed while no replica was up runs once now: only the latest slot, not every missed one.
        tick(job);
      }
      // A daily job whose runner was killed would otherwise wait a day for its next tick: every
      // replica tries each job's latest slot again now and then. The claim is a no-op for a slot
      // that is done or whose runner still heartbeats; one whose lease ran out is taken over.
      const enabled = jobs.filter((j) => j.enabled);
      staleCheck = setInterval(() => enabled.forEach(tick), options.staleSlotCheckEveryMs ?? staleSlotCheckEveryMs);
      staleCheck.unref();
      deps.logger.info({ runner, jobs: jobs.filter((j) => j.enabled).map((j) => j.name) }, 'scheduler started');
    },
    async stop() {
      stopped = true;
      clearInterval(staleCheck);
      for (const t of tasks) await t.stop();
      await Promise.allSettled(running.values());
    },
  };
}
