import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { jobLease } from '../../src/jobs/job-lease.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logging/logger.js';
import { projectRoot } from '../../src/paths.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { testAlertsConfig } from '../support/tend-test-config.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// Job slots hold a short lease renewed by a heartbeat while the job works. A replica killed mid-run
// (SIGKILL: no cleanup, no finally) stops heartbeating; another replica takes the slot over within
// two minutes of the last heartbeat and finishes it. A live replica, however long its job, keeps it.

const t0 = new Date('2026-11-16T02:00:05Z');
const dayMs = 86_400_000;
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;

describe.each(databaseKinds)('job leases and heartbeats, %s', (kind) => {
  let db: TestDatabase;
  let deps: JobDeps;
  const run = it.skipIf(skipPostgres(kind));

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, {
      seed: 7,
      today: new Date(t0.getTime() - dayMs),
      accounts: 6,
      historyWeeks: 1,
    });
    deps = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      config: { alerts: testAlertsConfig, scheduleTimeZone: 'UTC', surveys: { minDaysBetween: 30, expiryDays: 7 } },
      notifiers: {},
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  const slotRow = (name: string, slot: Date) =>
    db.prisma.jobRun.findUniqueOrThrow({ where: { job_slot: { job: name, slot } } });

  run(
    'recompute-all killed with SIGKILL mid-run is taken over within 2 minutes of its last heartbeat and finishes',
    async () => {
      const slot = new Date('2026-11-16T02:00:00Z');
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(projectRoot, 'test/support/hanging-job-runner.ts'),
          db.url,
          'recompute-all',
          t0.toISOString(),
          'doomed',
        ],
        { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('working') && resolve());
        child.on('exit', () => reject(new Error('the runner exited before working')));
      });
      const claimed = await slotRow('recompute-all', slot);
      expect(claimed).toMatchObject({ runner: 'doomed', state: 'RUNNING' });
      // Its heartbeat moves the lease on while it works.
      await expect.poll(async () => (await slotRow('recompute-all', slot)).expiresAt > claimed.expiresAt).toBe(true);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const lastBeat = new Date((await slotRow('recompute-all', slot)).expiresAt.getTime() - jobLease.leaseMs);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // No heartbeat since the kill.
      expect((await slotRow('recompute-all', slot)).expiresAt.getTime()).toBe(lastBeat.getTime() + jobLease.leaseMs);
      const snapshotsBefore = await db.prisma.healthSnapshot.count();

      // A minute after its last heartbeat the dead runner's lease still holds; at two minutes it has run out.
      const early = await runJobOnce(
        deps,
        job('recompute-all'),
        new Date(lastBeat.getTime() + 60_000),
        'replica-b',
        slot,
      );
      expect(early.status).toBe('skipped');
      const taken = await runJobOnce(
        deps,
        job('recompute-all'),
        new Date(lastBeat.getTime() + 120_000),
        'replica-b',
        slot,
      );
      expect(taken.status).toBe('ran');
      expect(await slotRow('recompute-all', slot)).toMatchObject({ runner: 'replica-b', state: 'SUCCEEDED' });
      expect(await db.prisma.healthSnapshot.count()).toBeGreaterThan(snapshotsBefore);
    },
  );

  run('a live job that runs far longer than its lease keeps its slot: its heartbeat renews the lease', async () => {
    const slot = new Date('2026-11-16T03:15:00Z');
    let at = new Date(slot.getTime() + 5_000);
    let finish!: () => void;
    const working = new Promise<void>((resolve) => (finish = resolve));
    const slow = { ...job('prune-deliveries'), run: async () => (await working, { pruned: 0 }) };
    const first = runJobOnce(deps, slow, at, 'replica-a', {
      slot,
      lease: { leaseMs: jobLease.leaseMs, heartbeatEveryMs: 20 },
      clock: () => at,
    });
    await expect.poll(async () => await db.prisma.jobRun.count({ where: { job: 'prune-deliveries', slot } })).toBe(1);
    // Ten minutes of work, one lease at a time: each time another replica tries, the slot is held.
    for (let minute = 1; minute <= 10; minute++) {
      at = new Date(slot.getTime() + minute * 60_000);
      await expect
        .poll(async () => (await slotRow('prune-deliveries', slot)).expiresAt.getTime())
        .toBe(at.getTime() + jobLease.leaseMs);
      const other = await runJobOnce(deps, job('prune-deliveries'), new Date(at.getTime() + 80_000), 'replica-b', slot);
      expect(other.status).toBe('skipped');
    }
    finish();
    expect((await first).status).toBe('ran');
    expect(await slotRow('prune-deliveries', slot)).toMatchObject({ runner: 'replica-a', state: 'SUCCEEDED' });
  });

  run(
    'a running scheduler takes over a daily slot left behind by a dead runner without waiting for the next day',
    async () => {
      const slot = new Date('2026-11-16T07:00:00Z');
      await db.prisma.jobRun.create({
        data: {
          job: 'renewal-reminders',
          slot,
          state: 'RUNNING',
          runner: 'killed',
          claimedAt: slot,
          expiresAt: new Date(slot.getTime() + jobLease.leaseMs),
        },
      });
      let at = new Date(slot.getTime() + 30_000);
      const scheduler = createScheduler(deps, [job('renewal-reminders')], {
        clock: { now: () => at },
        runner: 'replica-c',
        staleSlotCheckEveryMs: 50,
      });
      await scheduler.start();
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await slotRow('renewal-reminders', slot)).toMatchObject({ runner: 'killed', state: 'RUNNING' });
        at = new Date(slot.getTime() + 100_000);
        await expect
          .poll(async () => slotRow('renewal-reminders', slot))
          .toMatchObject({ runner: 'replica-c', state: 'SUCCEEDED' });
      } finally {
        await scheduler.stop();
      }
    },
  );
});
