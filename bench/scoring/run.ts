// Prints scoring figures: pure scoring throughput (target >= 200,000 scorings/s on one core with a
// 5-dimension model), and recompute-and-persist time for N accounts with 12 months of metrics on
// PGlite and, when TEND_BENCH_POSTGRES_URL is set, PostgreSQL (target < 15 s for 10,000 on PostgreSQL).
//   npm run bench:scoring
//   TEND_BENCH_ACCOUNTS=10000 TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:scoring
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPreset } from '../../src/core/presets/built-in-presets.js';
import { indexObservations, type Observation } from '../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../src/core/scoring/score-account.js';
import { compileModel, newKernelResult, scoreKernel } from '../../src/core/scoring/score-kernel.js';
import { fillBook } from '../support/synthetic-book.js';
import { withTemporaryDatabase } from '../support/temporary-postgres.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logging/logger.js';
import { recomputeHealth } from '../../src/services/scoring/recompute-health.js';

const accounts = Number(process.env.TEND_BENCH_ACCOUNTS ?? 10_000);
const now = new Date('2026-11-22T06:00:00Z');
const logger = createLogger({ level: 'warn' });

function pureThroughput(): void {
  const model = getPreset('bis-table').model!;
  const metrics = [...new Set(model.dimensions.flatMap((d) => d.inputs.map((i) => i.metric)))];
  // Realistic inputs: 12 weekly observations per metric, pre-indexed as the recompute job does.
  const books = Array.from({ length: 1_000 }, (_, a) => {
    const obs: Observation[] = [];
    for (const metric of metrics) {
      for (let w = 0; w < 12; w++) {
        obs.push({
          metric,
          date: new Date(now.getTime() - w * 7 * 86_400_000).toISOString().slice(0, 10),
          value: (a * 7 + w * 13) % 100,
        });
      }
    }
    return indexObservations(obs);
  });
  const compiled = compileModel(model);
  const out = newKernelResult(compiled);
  const rate = (n: number, run: (i: number) => void) => {
    for (let i = 0; i < Math.min(n, 200_000); i++) run(i); // warm up: let the JIT settle
    const started = performance.now();
    for (let i = 0; i < n; i++) run(i);
    return Math.round(n / ((performance.now() - started) / 1000)).toLocaleString('en');
  };
  const kernel = rate(2_000_000, (i) => scoreKernel(compiled, books[i % books.length]!, now, out));
  console.log(
    `pure scoring, numbers (bis-table, 5 dimensions, 14 inputs, 12 observations each): ${kernel} scorings/s on one core (target >= 200,000)`,
  );
  const explained = rate(100_000, (i) => scoreAccount(model, books[i % books.length]!, { now }));
  console.log(
    `pure scoring with the full explanation (drivers, coverage, red flags, recommendations): ${explained} scorings/s`,
  );
}

async function recompute(label: string, db: Database): Promise<void> {
  await fillBook(db, accounts);
  const first = await recomputeHealth(db.prisma, { now, mode: 'all' });
  const phases = (r: typeof first) =>
    `load ${(r.timings.loadMs / 1000).toFixed(1)} s, score ${(r.timings.scoreMs / 1000).toFixed(1)} s, write ${(r.timings.writeMs / 1000).toFixed(1)} s`;
  console.log(
    `${label}: recompute and persist ${first.scored} accounts: ${(first.ms / 1000).toFixed(1)} s (first run, no history; ${phases(first)})`,
  );
  const second = await recomputeHealth(db.prisma, { now: new Date(now.getTime() + 3_600_000), mode: 'all' });
  console.log(
    `${label}: recompute and persist ${second.scored} accounts: ${(second.ms / 1000).toFixed(1)} s (with snapshot history; ${phases(second)})`,
  );
}

pureThroughput();
const dir = mkdtempSync(join(tmpdir(), 'tend-bench-scoring-'));
try {
  const embedded = await openDatabase(
    { dataDir: join(dir, 'db'), poolMax: 1, migrateOnStart: true, seedDemoOnFirstStart: false },
    logger,
  );
  await recompute('PGlite', embedded);
  await embedded.close();
  const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
  if (pgUrl) {
    await withTemporaryDatabase(pgUrl, async (url) => {
      const db = await openDatabase(
        { url, dataDir: '', poolMax: 5, migrateOnStart: true, seedDemoOnFirstStart: false },
        logger,
      );
      await recompute('PostgreSQL', db);
      await db.close();
    });
  } else {
    console.log('PostgreSQL: skipped (set TEND_BENCH_POSTGRES_URL)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
