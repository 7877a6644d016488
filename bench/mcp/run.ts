// 50 AI assistants at once on one Tend: each an MCP client (the SDK's own, streamable HTTP, its own
// token) calling account_health on random accounts of a 10,000-account book on PostgreSQL, for a
// fixed time. Prints calls, errors and latency p50 / p99 (target p99 < 300 ms) and peak RSS, twice:
// clients calling back to back (the most one process can answer), then each client calling once
// every TEND_BENCH_INTERVAL_MS (default 1000: an assistant's pace, a model writes between calls).
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:mcp
//   (TEND_BENCH_ACCOUNTS=10000, TEND_BENCH_CLIENTS=50, TEND_BENCH_SECONDS=30, TEND_BENCH_INTERVAL_MS=1000)
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { startTend } from '../../src/app/start-tend.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createMcpToken } from '../../src/services/mcp/mcp-tokens.js';
import { recomputeHealth } from '../../src/services/scoring/recompute-health.js';
import { fillBook } from '../support/synthetic-book.js';
import { withTemporaryDatabase } from '../support/temporary-postgres.js';

const accounts = Number(process.env.TEND_BENCH_ACCOUNTS ?? 10_000);
const clients = Number(process.env.TEND_BENCH_CLIENTS ?? 50);
const seconds = Number(process.env.TEND_BENCH_SECONDS ?? 30);
const intervalMs = Number(process.env.TEND_BENCH_INTERVAL_MS ?? 1000);
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
const now = new Date('2026-11-22T09:00:00Z');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

// CPU seconds the whole machine spent busy (Linux /proc/stat; undefined elsewhere). Less this
// process's own CPU, it is what PostgreSQL (and anything else running) cost: with Tend, the load
// driver and PostgreSQL on the same cores, what each side costs a call says what more cores buy.
function machineBusySeconds(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = cpu;
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / 100;
  } catch {
    return undefined;
  }
}

if (!pgUrl) {
  console.log(
    'Set TEND_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.',
  );
} else {
  await withTemporaryDatabase(pgUrl, async (url) => {
    const logger = createLogger({ level: 'warn' });
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DATABASE_POOL_MAX: '20',
        TEND_JOBS_ENABLED: 'false',
        TEND_SEED_DEMO_ON_FIRST_START: 'false',
        TEND_MCP_RATE_PER_MINUTE: '100000',
      },
      { envFile: false },
    );
    const tend = await startTend(config, logger, { now: () => now });
    try {
      await fillBook(tend.db, accounts);
      const t = performance.now();
      await recomputeHealth(tend.db.prisma, { now, mode: 'all' });
      console.log(`  scored ${accounts} accounts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      // Settle the fresh tables first, as a day's autovacuum would: otherwise its pass over three
      // million new rows lands in the middle of the measurement.
      await tend.db.prisma.$executeRawUnsafe('VACUUM ANALYZE');
      // And write its pages out now: a checkpoint flushing them mid-run stalls every commit (each
      // call writes its rate-limit count) for hundreds of milliseconds.
      await tend.db.prisma.$executeRawUnsafe('CHECKPOINT').catch(() => undefined);
      const names = (await tend.db.prisma.account.findMany({ select: { name: true } })).map((a) => a.name);
      const base = `http://127.0.0.1:${tend.address.port}/mcp`;
      const tokens: string[] = [];
      for (let i = 0; i < clients; i++) {
        const email = `assistant-${i}@tend.example`;
        await tend.db.prisma.user.create({ data: { email, name: `Assistant ${i}`, role: 'CSM' } });
        tokens.push((await createMcpToken(tend.db.prisma, { email })).token);
      }
      for (const pace of [0, intervalMs]) {
        const machineBefore = machineBusySeconds();
        const processBefore = process.cpuUsage();
        const loopBefore = performance.eventLoopUtilization();
        const { latencies, errors } = await new Promise<{ latencies: number[]; errors: number }>((resolve, reject) => {
          const worker = new Worker(new URL('./clients-worker.mjs', import.meta.url), {
            workerData: { url: base, tokens, names, seconds, intervalMs: pace },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        const tendLoop = performance.eventLoopUtilization(loopBefore);
        const machineAfter = machineBusySeconds();
        const processCpu = process.cpuUsage(processBefore);
        const processMs = (processCpu.user + processCpu.system) / 1000;
        latencies.sort((a, b) => a - b);
        const how = pace ? `each calling every ${pace} ms` : 'calling back to back';
        console.log(
          `mcp: ${clients} clients ${how}, ${seconds} s on ${accounts} accounts: ${latencies.length} calls (${(latencies.length / seconds).toFixed(0)}/s), ${errors} errors; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms (target < 300 ms)`,
        );
        const perCall = (ms: number) => `${(ms / latencies.length).toFixed(1)} ms`;
        console.log(
          `  CPU a call: Tend's thread ${perCall(tendLoop.active)} (busy ${(tendLoop.utilization * 100).toFixed(0)} %), this process with the clients' thread ${perCall(processMs)}` +
            (machineBefore !== undefined && machineAfter !== undefined
              ? `, the rest of the machine (PostgreSQL) ${perCall((machineAfter - machineBefore) * 1000 - processMs)}`
              : ''),
        );
      }
    } finally {
      await tend.stop();
    }
  });
  clearInterval(sampler);
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}
