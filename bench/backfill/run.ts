// tend backfill at the size a team brings: 500 accounts with two years of monthly data on every input
// of the default model (bis-table), a third of them former customers whose contract ended on the way.
// Scores every 14 days over the two years. Target: < 60 s on PostgreSQL.
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:backfill   (TEND_BENCH_ACCOUNTS=500)
import { getPreset } from '../../src/core/presets/built-in-presets.js';
import { createLogger } from '../../src/logging/logger.js';
import { backfillHistory } from '../../src/services/scoring/backfill-history.js';
import { withBenchDatabase } from '../support/temporary-postgres.js';

const accounts = Number(process.env.TEND_BENCH_ACCOUNTS ?? 500);
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
const logger = createLogger({ level: 'warn' });
const to = new Date('2026-11-30T00:00:00Z');
const from = new Date('2024-12-01T00:00:00Z');
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

if (!pgUrl) {
  console.log(
    'Set TEND_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.',
  );
} else {
  const metrics = getPreset('bis-table').model!.dimensions.flatMap((d) => d.inputs.map((i) => i.metric));
  await withBenchDatabase(pgUrl, logger, async (db) => {
    let t = performance.now();
    await db.prisma.$executeRawUnsafe(`
        INSERT INTO "Account" (id, "externalId", name, segment, tier, "lifecycleStage", arr, currency, status, "contractEnd", "updatedAt")
        SELECT gen_random_uuid(), 'bench-' || i, 'Bench Account ' || i, 'standard', 'professional', 'adoption', 10000 + i, 'USD',
               (CASE WHEN i % 3 = 0 THEN 'CHURNED' ELSE 'ACTIVE' END)::"AccountStatus",
               CASE WHEN i % 3 = 0 THEN DATE '2026-11-01' - (i % 600) ELSE NULL END, now()
        FROM generate_series(1, ${accounts}) AS i`);
    // One value a month per input, from two years back (former customers: until their contract ended).
    const list = metrics.map((m) => `'${m}'`).join(',');
    await db.prisma.$executeRawUnsafe(`
        INSERT INTO "MetricObservation" ("accountId", key, date, value, source)
        SELECT a.id, k.key, (DATE '2024-10-01' + make_interval(months => m))::date,
               (abs(hashtext(a.id::text || k.key || m)) % 100)::float8, 'bench'
        FROM "Account" a CROSS JOIN unnest(ARRAY[${list}]) AS k(key) CROSS JOIN generate_series(0, 25) AS m
        WHERE a."contractEnd" IS NULL OR (DATE '2024-10-01' + make_interval(months => m))::date <= a."contractEnd"`);
    const observations = await db.prisma.metricObservation.count();
    console.log(
      `data: ${accounts} accounts, ${observations.toLocaleString('en')} observations on ${metrics.length} inputs, written in ${seconds(t)} s`,
    );
    t = performance.now();
    const result = await backfillHistory(db.prisma, { from, to, everyDays: 14 });
    console.log(
      `backfill ${result.days.length} days x ${accounts} accounts: ${seconds(t)} s (target < 60 s); ${result.snapshots.toLocaleString('en')} snapshots (${result.insufficient} not enough data), ${result.skipped} account-days skipped, ${result.failed.length} failed`,
    );
    t = performance.now();
    const again = await backfillHistory(db.prisma, { from, to, everyDays: 14 });
    const stored = await db.prisma.healthSnapshot.count();
    console.log(
      `again (idempotent): ${seconds(t)} s; ${again.snapshots.toLocaleString('en')} written, ${stored.toLocaleString('en')} stored in all`,
    );
  });
  clearInterval(sampler);
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}
