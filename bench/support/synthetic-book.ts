import type { Database } from '../../src/db/database.js';

/** 12 months of the metrics the default model reads, written with generate_series (no ORM in the way). */
export async function fillBook(db: Database, count: number): Promise<void> {
  const started = performance.now();
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO "Account" (id, "externalId", name, segment, tier, "lifecycleStage", arr, currency, "renewalDate", "updatedAt")
    SELECT gen_random_uuid(), 'bench-' || i, 'Bench Account ' || i, CASE WHEN i % 5 = 0 THEN 'strategic' ELSE 'standard' END,
           (ARRAY['essential','professional','enterprise'])[1 + i % 3], 'adoption', 10000 + i, 'USD',
           DATE '2026-11-22' + (i % 365), now()
    FROM generate_series(1, ${count}) AS i`);
  const weekly = ['dau_pct', 'logins_per_user_weekly', 'support_tickets'];
  const monthly = [
    'feature_adoption_pct',
    'tickets_per_user_monthly',
    'avg_resolution_hours',
    'escalation_rate_pct',
    'product_satisfaction_pct',
    'meetings',
    'stakeholder_engagement_pct',
    'advocacy_pct',
    'xla_achievement_pct',
    'roi_realization_pct',
    'efficiency_gain_pct',
    'expansion_readiness_pct',
  ];
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO "MetricObservation" ("accountId", key, date, value, source)
    SELECT a.id, k.key, DATE '2026-11-16' - 7 * w, (abs(hashtext(a.id::text || k.key || w)) % 100)::float8 / (CASE WHEN k.key = 'logins_per_user_weekly' THEN 10 ELSE 1 END), 'bench'
    FROM "Account" a, unnest(ARRAY['${weekly.join("','")}']) AS k(key), generate_series(0, 51) AS w`);
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO "MetricObservation" ("accountId", key, date, value, source)
    SELECT a.id, k.key, (DATE '2026-11-01' - make_interval(months => m))::date, (abs(hashtext(a.id::text || k.key || m)) % 100)::float8 / (CASE WHEN k.key = 'tickets_per_user_monthly' THEN 20 ELSE 1 END), 'bench'
    FROM "Account" a, unnest(ARRAY['${monthly.join("','")}']) AS k(key), generate_series(0, 11) AS m`);
  const rows = await db.prisma.metricObservation.count();
  console.log(
    `  book: ${count} accounts, ${rows.toLocaleString('en')} metric rows, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
