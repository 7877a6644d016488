import type { Command } from 'commander';
import { lastRuns } from '../../db/repositories/job-runs.js';
import { jobDefinitions } from '../../jobs/job-definitions.js';
import { runJobOnce } from '../../jobs/run-job.js';
import { latestSlot, nextSlot } from '../../jobs/slots.js';
import { closestMatches } from '../../core/text/closest-matches.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { notifiersFor } from '../cli-notifiers.js';
import { parseNowOption } from '../now-option.js';

/**
 * A run's state for people. A runner that died mid-run leaves RUNNING behind; once its lease has
 * ended, any replica may take the slot over (every scheduler retries such slots, or `tend jobs run`), so it is
 * shown as stale rather than "running".
 */
export function runState(run: { job: string; state: string; claimedAt: Date; expiresAt: Date }, now: Date): string {
  if (run.state !== 'RUNNING') return run.state.toLowerCase();
  if (run.expiresAt <= now)
    return `stale (its runner stopped before finishing; lease ended ${run.expiresAt.toISOString()}): will re-run within a minute on any running replica, or now with \`tend jobs run ${run.job}\``;
  return `running since ${run.claimedAt.toISOString()} (lease until ${run.expiresAt.toISOString()})`;
}

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('Scheduled jobs: recompute, alerts, reminders, digest');

  jobs
    .command('list')
    .description('List the jobs with their schedule, last run and next run')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const runs = await ctx.withDatabase((db) => lastRuns(db.prisma));
      const now = new Date();
      const zone = ctx.config.scheduleTimeZone;
      ctx.out(
        `Schedules are in ${zone}; jobs ${ctx.config.jobs.enabled ? 'run' : 'do NOT run (TEND_JOBS_ENABLED=false)'} in tend start.`,
      );
      for (const job of jobDefinitions) {
        const last = runs.get(job.name);
        ctx.out(
          `${job.name.padEnd(20)} ${job.schedule.padEnd(12)} ${job.enabled ? 'enabled ' : 'disabled'}  ` +
            `last: ${last ? `${last.slot.toISOString()} ${runState(last, now)}` : 'never'}  ` +
            `next: ${job.enabled ? nextSlot(job.schedule, now, zone).toISOString() : '-'}\n    ${job.description}`,
        );
      }
    });

  jobs
    .command('run <name>')
    .description('Run a job now, for the slot --now falls in (once per slot, as the scheduler does)')
    .option('--now <ISO time>', 'the time to run as, e.g. 2026-12-01T07:00:00Z (advance the clock)')
    .option('--force', 'run even if this slot already ran (not claimed; can repeat messages)')
    .action(async (name: string, options: { now?: string; force?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const job = jobDefinitions.find((j) => j.name === name);
      if (!job) {
        const close = closestMatches(
          name,
          jobDefinitions.map((j) => j.name),
          2,
        );
        throw new CommandError(
          `No job "${name}".${close.length ? ` Did you mean ${close.join(' or ')}?` : ''} See: tend jobs list`,
          2,
        );
      }
      const now = parseNowOption(options.now);
      // Jobs act on the present (alerts, messages): run for a past day, they would alert on old states.
      if (now.getTime() < Date.now() - 86_400_000)
        throw new CommandError(
          `--now ${options.now} is in the past: jobs alert and send messages as of their time. To score history for backtests, use: tend backfill --from <day> --to <day>`,
          2,
        );
      const outcome = await ctx.withDatabase(async (db) => {
        const deps = {
          prisma: db.prisma,
          logger: ctx.logger,
          config: ctx.config,
          notifiers: notifiersFor(ctx.config, db.prisma),
        };
        if (options.force)
          return {
            status: 'ran' as const,
            summary: await job.run(deps, now),
            slot: latestSlot(job.schedule, now, ctx.config.scheduleTimeZone),
          };
        return runJobOnce(deps, job, now, `cli:${process.pid}`);
      });
      if (outcome.status === 'skipped')
        ctx.out(
          `${name}: slot ${outcome.slot.toISOString()} already ran or is running elsewhere; nothing done (--force to run anyway).`,
        );
      else if (outcome.status === 'failed') throw new CommandError(`${name} failed: ${outcome.error}`, 1);
      else ctx.out(`${name} (slot ${outcome.slot.toISOString()}): ${JSON.stringify(outcome.summary)}`);
    });
}
