// Prints database figures: embedded cold start to ready, demo seed time, metric import rows/s into
// PGlite and (when TEND_BENCH_POSTGRES_URL is set) PostgreSQL, and peak RSS. Figures, not pass/fail:
// targets are cold start < 5 s, imports >= 5,000 rows/s (PGlite) and >= 20,000 rows/s (PostgreSQL).
//   npm run bench:db                      (PGlite only)
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:db
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { withTemporaryDatabase } from '../support/temporary-postgres.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { importCsv } from '../../src/services/import/import-csv.js';

const logger = createLogger({ level: 'warn' });
const metricRows = Number(process.env.TEND_BENCH_ROWS ?? 100_000);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

function metricsCsv(accountIds: string[], rows: number): Readable {
  const keys = ['dau_pct', 'feature_adoption_pct', 'support_tickets', 'meetings'];
  function* lines() {
    yield 'account_external_id,key,date,value,source\n';
    const perAccount = Math.ceil(rows / accountIds.length);
    let n = 0;
    for (const account of accountIds) {
      for (let i = 0; i < perAccount && n < rows; i++, n++) {
        const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / keys.length) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        yield `${account},${keys[i % keys.length]},${day},${(i * 7) % 100},bench\n`;
      }
    }
  }
  return Readable.from(lines());
}

async function measureImport(db: Database, label: string): Promise<void> {
  const accounts = await db.prisma.account.findMany({ select: { externalId: true } });
  const started = performance.now();
  const report = await importCsv(db.prisma, {
    kind: 'metrics',
    stream: metricsCsv(
      accounts.map((a) => a.externalId),
      metricRows,
    ),
  });
  const seconds = (performance.now() - started) / 1000;
  if (!report.applied) throw new Error(`import failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
  console.log(
    `${label}: metric import ${metricRows} rows in ${seconds.toFixed(2)} s = ${Math.round(metricRows / seconds)} rows/s (parse, validate, write)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'tend-bench-'));
try {
  const coldStart = performance.now();
  const embedded = await openDatabase(
    { dataDir: join(dir, 'db'), poolMax: 1, migrateOnStart: true, seedDemoOnFirstStart: false },
    logger,
  );
  console.log(
    `embedded cold start to ready (new folder, migrations applied): ${((performance.now() - coldStart) / 1000).toFixed(2)} s (target < 5 s)`,
  );
  const seeded = await seedDemoPortfolio(embedded.prisma, { seed: 42, today: new Date('2026-11-22T00:00:00Z') });
  console.log(
    `demo seed on PGlite: ${(seeded.ms / 1000).toFixed(2)} s (${seeded.accounts} accounts, ${seeded.metrics} metric rows)`,
  );
  await measureImport(embedded, 'PGlite');
  await embedded.close();

  const warmStart = performance.now();
  const reopened = await openDatabase(
    { dataDir: join(dir, 'db'), poolMax: 1, migrateOnStart: true, seedDemoOnFirstStart: false },
    logger,
  );
  console.log(`embedded warm start (existing folder): ${((performance.now() - warmStart) / 1000).toFixed(2)} s`);
  await reopened.close();

  const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
  if (pgUrl) {
    await withTemporaryDatabase(pgUrl, async (url) => {
      const db = await openDatabase(
        { url, dataDir: '', poolMax: 5, migrateOnStart: true, seedDemoOnFirstStart: false },
        logger,
      );
      const s = await seedDemoPortfolio(db.prisma, { seed: 42, today: new Date('2026-11-22T00:00:00Z') });
      console.log(`demo seed on PostgreSQL: ${(s.ms / 1000).toFixed(2)} s`);
      await measureImport(db, 'PostgreSQL');
      await db.close();
    });
  } else {
    console.log('PostgreSQL: skipped (set TEND_BENCH_POSTGRES_URL)');
  }
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
