import {
  claimRecompute,
  enqueueIfAbsent,
  finishRecompute,
  releaseRecompute,
} from '../db/repositories/recompute-requests.js';
import { changedAccountIds } from '../services/scoring/recompute-health.js';
import type { JobDeps } from './job.js';
import { recomputeAndAlert } from './recompute-and-alert.js';

// Seconds, not minutes, from data to alert: every write of account data queues its accounts (in the
// same transaction), and every replica drains the queue. A claim is a lease on the rows, so each
// account is scored and alerted by one replica at a time; the minute sweep catches what the queue
// never saw, through the same queue.

const batch = 500;
const leaseMs = 5 * 60_000;

type Totals = { accounts: number; scored: number; opened: number; delivered: number };

/** Claims and scores queued accounts until none is due; returns what it did. */
export async function drainRecomputeQueue(
  deps: JobDeps,
  now: () => Date,
  runner: string,
  debounceMs: number,
): Promise<Totals> {
  const totals: Totals = { accounts: 0, scored: 0, opened: 0, delivered: 0 };
  for (;;) {
    const ids = await claimRecompute(deps.prisma, { runner, debounceMs, leaseMs, limit: batch });
    if (ids.length === 0) return totals;
    try {
      const result = await recomputeAndAlert(deps, now(), { mode: 'changed', accountIds: ids });
      totals.accounts += ids.length;
      totals.scored += result.scored;
      totals.opened += result.opened ?? 0;
      totals.delivered += result.delivered?.sent ?? 0;
    } catch (error) {
      await releaseRecompute(deps.prisma, runner, ids).catch(() => {});
      throw error;
    }
    await finishRecompute(deps.prisma, runner, ids);
  }
}

/** The minute sweep: accounts changed since their last snapshot go through the queue, then it is drained. */
export async function sweepChanged(deps: JobDeps, now: Date, runner: string) {
  const changed = await changedAccountIds(deps.prisma);
  await enqueueIfAbsent(deps.prisma, changed);
  const done = await drainRecomputeQueue(deps, () => now, runner, 0);
  return { changed: changed.length, ...done };
}

export interface LiveRecompute {
  stop(): Promise<void>;
}

/**
 * Polls the queue every `pollMs` and scores what has waited `debounceMs` (a burst of data for one
 * account becomes one score and one message). Process memory holds nothing the database does not.
 */
export function startLiveRecompute(
  deps: JobDeps,
  options: { runner: string; clock: { now(): Date }; pollMs?: number; debounceMs?: number },
): LiveRecompute {
  const pollMs = options.pollMs ?? 1_000;
  const debounceMs = options.debounceMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      let wait = pollMs;
      try {
        const done = await drainRecomputeQueue(deps, () => options.clock.now(), options.runner, debounceMs);
        if (done.accounts) deps.logger.info(done, 'live recompute');
      } catch (error) {
        // A database outage: back off, the queue keeps the work.
        wait = 5 * pollMs;
        deps.logger.error({ err: error }, 'live recompute failed; retrying');
      }
      if (!stopped) timer = setTimeout(tick, wait);
    })();
  };
  timer = setTimeout(tick, pollMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
