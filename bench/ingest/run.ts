// Ingest throughput over HTTP, batches of 1,000 metric rows, on the embedded PGlite and (with
// TEND_BENCH_POSTGRES_URL) PostgreSQL. Targets: PostgreSQL >= 20,000 rows/s, PGlite >= 5,000 rows/s.
// Then the time from an ingested usage drop (Segment track events) to the alert message: the
// recompute-changed job runs each minute, so that is the wait for the next slot plus the job's run.
//   npm run bench:ingest   (TEND_BENCH_BATCHES=60 TEND_BENCH_CONCURRENCY=4)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend } from '../../src/app/start-tend.js';
import { loadConfig } from '../../src/config/config.js';
import { startEmbeddedPostgres } from '../../src/db/embedded/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrations/migrator.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import type { AlertNotifier } from '../../src/services/alerts/alert-notifier.js';
import { createSourceKey } from '../../src/services/ingest/api-keys.js';
import { withTemporaryDatabase } from '../support/temporary-postgres.js';

const batches = Number(process.env.TEND_BENCH_BATCHES ?? 60);
const concurrency = Number(process.env.TEND_BENCH_CONCURRENCY ?? 4);
const accounts = 200;
const logger = createLogger({ level: 'warn' });

async function bench(label: string, url: string, poolMax: number, target: number) {
  await applyMigrations(url);
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      DATABASE_POOL_MAX: String(poolMax),
      TEND_MIGRATE_ON_START: 'false',
      TEND_JOBS_ENABLED: 'false',
      TEND_INGEST_RATE_PER_MINUTE: '100000',
    },
    { envFile: false },
  );
  let now = new Date();
  const tend = await startTend(config, logger, { now: () => now });
  const prisma = tend.db.prisma;
  try {
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Account" (id, "externalId", name, segment, tier, "lifecycleStage", arr, currency, "seatsLicensed", "updatedAt")
      SELECT gen_random_uuid(), 'bench-' || i, 'Bench Account ' || i, 'standard', 'professional', 'adoption', 10000, 'USD', 50, now()
      FROM generate_series(1, ${accounts}) AS i`);
    const key = (await createSourceKey(prisma, { source: 'bench' })).key;
    const base = `http://127.0.0.1:${tend.address.port}/api/v1/ingest`;
    const body = (b: number) =>
      JSON.stringify({
        rows: Array.from({ length: 1000 }, (_, i) => ({
          account_external_id: `bench-${(i % accounts) + 1}`,
          key: 'support_tickets',
          date: new Date(Date.UTC(2020, 0, 1) + (b * 5 + Math.floor(i / accounts)) * 86_400_000)
            .toISOString()
            .slice(0, 10),
          value: (b + i) % 9,
        })),
      });
    const post = async (b: number) => {
      const res = await fetch(`${base}/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: body(b),
      });
      if (res.status !== 200) throw new Error(`batch ${b}: ${res.status} ${await res.text()}`);
    };
    await post(batches + 1); // warm-up
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches) await post(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round((batches * 1000) / seconds);
    console.log(
      `${label}: ${batches} batches of 1,000 rows in ${seconds.toFixed(1)} s = ${rate.toLocaleString('en')} rows/s ` +
        `(target >= ${target.toLocaleString('en')}; ${concurrency} at a time)`,
    );

    // A usage drop sent as Segment events, then the next recompute slot.
    const segment = (await createSourceKey(prisma, { source: 'bench-segment', kind: 'segment' })).key;
    await runJobOnce(benchDeps(prisma), job('recompute-all'), now, 'bench');
    const batch = [
      ...Array.from({ length: 50 }, (_, i) => ({
        type: 'group',
        messageId: `g${i}`,
        userId: `u${i}`,
        groupId: 'bench-1',
      })),
      { type: 'track', messageId: 't1', userId: 'u1', event: 'Signed In' },
    ];
    const t0 = performance.now();
    const res = await fetch(`${base}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${segment}` },
      body: JSON.stringify({ batch }),
    });
    if (res.status !== 200) throw new Error(`events: ${res.status}`);
    const ingestMs = performance.now() - t0;
    now = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 60_000);
    const sent: string[] = [];
    const t1 = performance.now();
    await runJobOnce(benchDeps(prisma, sent), job('recompute-changed'), now, 'bench');
    const jobMs = performance.now() - t1;
    console.log(
      `${label}: usage drop -> alert: ingest ${ingestMs.toFixed(0)} ms + recompute-changed ${jobMs.toFixed(0)} ms ` +
        `(${sent.length} alert message(s)) + the wait for the next minute slot (0-60 s; scheduler ticks each minute)`,
    );
  } finally {
    await tend.stop();
  }
}

const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
function benchDeps(prisma: Parameters<typeof runJobOnce>[0]['prisma'], sent: string[] = []) {
  const notifier: AlertNotifier = {
    channel: 'SLACK',
    send: async (destination, reply) => {
      sent.push(reply.headline);
      return { conversation: destination, ref: String(sent.length) };
    },
    update: async () => {},
  };
  return {
    prisma,
    logger,
    config: {
      alerts: {
        weeklyBudget: 8,
        dailyCap: 100,
        cooldownHours: 72,
        dropPoints: 15,
        dropDays: 7,
        escalateAfterHours: 24,
        actionWindowHours: 48,
        slackChannel: 'CBENCH',
      },
      scheduleTimeZone: 'UTC',
      surveys: { minDaysBetween: 30, expiryDays: 7 },
    },
    notifiers: { SLACK: notifier },
  };
}

const embedded = await startEmbeddedPostgres(join(mkdtempSync(join(tmpdir(), 'tend-bench-ingest-')), 'db'));
try {
  await bench('PGlite', embedded.url, 1, 5_000);
} finally {
  await embedded.stop();
}
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
if (pgUrl) await withTemporaryDatabase(pgUrl, (url) => bench('PostgreSQL', url, 10, 20_000));
else console.log('PostgreSQL: set TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test to measure it.');
