// The proactive engine at scale on PostgreSQL: a full recompute plus alert evaluation for N accounts
// with 12 months of metrics (target < 30 s for 10,000), then an incremental pass after 1 % of the
// accounts received new data (target < 2 s), with peak RSS. Runs the real jobs through their claims.
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:jobs   (TEND_BENCH_ACCOUNTS=10000)
import { testAlertsConfig } from '../../test/support/tend-test-config.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import { fillBook } from '../support/synthetic-book.js';
import { withBenchDatabase } from '../support/temporary-postgres.js';

const accounts = Number(process.env.TEND_BENCH_ACCOUNTS ?? 10_000);
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
const logger = createLogger({ level: 'warn' });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;

if (!pgUrl) {
  console.log(
    'Set TEND_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.',
  );
} else {
  await withBenchDatabase(pgUrl, logger, async (db) => {
    await fillBook(db, accounts);
    const deps: JobDeps = {
      prisma: db.prisma,
      logger,
      config: {
        scheduleTimeZone: 'UTC',
        surveys: { minDaysBetween: 30, expiryDays: 7 },
        alerts: testAlertsConfig,
      },
      notifiers: {},
    };
    // Real time: the book's rows carry the database's now(), and "changed since the last snapshot" compares with it.
    const t1 = new Date();
    const full = await runJobOnce(deps, job('recompute-all'), t1, 'bench');
    if (full.status !== 'ran') throw new Error(JSON.stringify(full));
    console.log(
      `full recompute + alert evaluation, ${accounts} accounts: ${(full.ms / 1000).toFixed(1)} s (target < 30 s) ${JSON.stringify(full.summary)}`,
    );

    // New data for 1 % of the accounts, then the 5-minute incremental job.
    await db.prisma.$executeRawUnsafe(`
        INSERT INTO "MetricObservation" ("accountId", key, date, value, source)
        SELECT id, 'dau_pct', DATE '2026-11-21', 5, 'bench-change' FROM "Account" ORDER BY id LIMIT ${Math.max(1, Math.round(accounts / 100))}`);
    const t2 = new Date(Date.now() + 5 * 60_000);
    const incremental = await runJobOnce(deps, job('recompute-changed'), t2, 'bench');
    if (incremental.status !== 'ran') throw new Error(JSON.stringify(incremental));
    console.log(
      `incremental pass, 1 % changed: ${(incremental.ms / 1000).toFixed(2)} s (target < 2 s) ${JSON.stringify(incremental.summary)}`,
    );
  });
}
clearInterval(sampler);
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
