/**
 * How long a job's claim on its slot holds without news from its runner, and how often a live
 * runner renews it. Short, so a slot whose runner was killed is taken over within two minutes of
 * its last heartbeat (by the scheduler's stale-slot check); renewed well within the lease, so a
 * live runner, however long its job, is never taken over.
 */
export const jobLease = { leaseMs: 90_000, heartbeatEveryMs: 20_000 } as const;

/** How often each replica's scheduler looks for a slot left behind by a dead runner. */
export const staleSlotCheckEveryMs = 30_000;

export interface LeaseTiming {
  leaseMs: number;
  heartbeatEveryMs: number;
}
