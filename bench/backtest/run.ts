// Backtest and calibration at scale on PostgreSQL: N accounts (10,000) with 24 months of weekly
// snapshots and 2,000 renewal outcomes. Targets: backtest < 10 s, calibration < 30 s, peak RSS < 1 GiB.
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:backtest   (TEND_BENCH_ACCOUNTS=10000)
import { createLogger } from '../../src/logging/logger.js';
import { backtestHealth } from '../../src/services/outcomes/backtest-health.js';
import { calibrateHealth } from '../../src/services/outcomes/calibrate-health.js';
import { withBenchDatabase } from '../support/temporary-postgres.js';

const accounts = Number(process.env.TEND_BENCH_ACCOUNTS ?? 10_000);
const outcomes = Number(process.env.TEND_BENCH_OUTCOMES ?? 2_000);
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
const logger = createLogger({ level: 'warn' });
const now = new Date('2026-12-01T09:00:00Z');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

if (!pgUrl) {
  console.log(
    'Set TEND_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.',
  );
} else {
  await withBenchDatabase(pgUrl, logger, async (db) => {
    let t = performance.now();
    await db.prisma.$executeRawUnsafe(`
        INSERT INTO "Account" (id, "externalId", name, segment, tier, "lifecycleStage", arr, currency, "updatedAt")
        SELECT gen_random_uuid(), 'bench-' || i, 'Bench Account ' || i, 'standard', 'professional', 'adoption', 10000 + i, 'USD', now()
        FROM generate_series(1, ${accounts}) AS i`);
    // Weekly snapshots for two years; each account drifts, and churners drift down before their end.
    await db.prisma.$executeRawUnsafe(`
        INSERT INTO "HealthSnapshot" (id, "accountId", "computedAt", overall, band, dimensions, explanation, signals, "modelId", "modelVersion")
        SELECT gen_random_uuid(), a.id, TIMESTAMPTZ '2026-11-30 06:00Z' - make_interval(weeks => w), s.overall,
               CASE WHEN s.overall < 40 THEN 'urgent' WHEN s.overall < 60 THEN 'critical' WHEN s.overall < 80 THEN 'at_risk' ELSE 'healthy' END,
               jsonb_build_object('usage', jsonb_build_object('score', s.u, 'weight', 30), 'business_value', jsonb_build_object('score', s.v, 'weight', 25),
                 'support', jsonb_build_object('score', s.su, 'weight', 20), 'relationship', jsonb_build_object('score', s.r, 'weight', 15),
                 'expansion', jsonb_build_object('score', s.e, 'weight', 10)),
               '{}'::jsonb, '[]'::jsonb, 'bis-table', '1'
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Account") a, generate_series(0, 103) AS w,
        LATERAL (SELECT u, v, su, r, e, round((0.3*u + 0.25*v + 0.2*su + 0.15*r + 0.1*e)::numeric, 1)::float8 AS overall
                 FROM (SELECT 40 + (abs(hashtext(a.id::text || 'u' || w)) % 60) - CASE WHEN a.n % 5 = 0 THEN (104 - w) / 4 ELSE 0 END AS u,
                              30 + abs(hashtext(a.id::text || 'v' || w)) % 70 AS v, 40 + abs(hashtext(a.id::text || 's' || w)) % 60 AS su,
                              35 + abs(hashtext(a.id::text || 'r' || w)) % 65 AS r, 10 + abs(hashtext(a.id::text || 'e' || w)) % 90 AS e) d) s`);
    await db.prisma.$executeRawUnsafe(`
        INSERT INTO "RenewalOutcome" (id, "externalId", "accountId", kind, "occurredOn", "arrBefore", "arrAfter", source, "updatedAt")
        SELECT gen_random_uuid(), 'bench-outcome-' || n, id,
               (CASE WHEN n % 5 = 0 THEN 'CHURNED' WHEN n % 7 = 0 THEN 'CONTRACTED' WHEN n % 3 = 0 THEN 'EXPANDED' ELSE 'RENEWED' END)::"OutcomeKind",
               DATE '2026-11-25' - (n % 360)::int, 10000, CASE WHEN n % 5 = 0 THEN 0 ELSE 10000 END, 'bench', now()
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Account") a WHERE n <= ${outcomes}`);
    const snapshots = await db.prisma.healthSnapshot.count();
    console.log(
      `data: ${accounts} accounts, ${snapshots.toLocaleString('en')} snapshots, ${outcomes} outcomes, written in ${seconds(t)} s`,
    );

    t = performance.now();
    const run = await backtestHealth(db.prisma, {}, now);
    const ninety = run.report.horizons.find((h) => h.days === 90)!;
    console.log(
      `backtest: ${seconds(t)} s (target < 10 s); churn AUC at 90 days ${ninety.aucChurn?.toFixed(3)}, ${run.misses.length} misses`,
    );
    t = performance.now();
    const calibration = await calibrateHealth(db.prisma, { fromPreset: 'bis-table' }, now);
    console.log(
      `calibration (fit, cross-validation, backtest before and after): ${seconds(t)} s (target < 30 s); weights ${JSON.stringify(calibration.fit.weights)}`,
    );
  });
  clearInterval(sampler);
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (target < 1024 MiB)`);
}
