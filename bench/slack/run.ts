// Drives signed `/tend health <account>` slash commands at Tend's Slack endpoint at a fixed rate
// (open loop: requests are sent on schedule whether or not earlier ones finished) and prints the
// acknowledgement latency p50/p99, the time until the answer reached response_url, errors and peak
// RSS, on PGlite with the demo portfolio and (with TEND_BENCH_POSTGRES_URL) on PostgreSQL.
// Targets: ack p99 < 300 ms (Slack's limit is 3 s), 0 errors.
//   npm run bench:slack                   (TEND_BENCH_RPS=50, TEND_BENCH_SECONDS=60)
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:slack
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTend } from '../../src/app/start-tend.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { postSigned, slashCommandBody, startFakeSlack } from '../../test/support/fake-slack.js';
import { withTemporaryDatabase } from '../support/temporary-postgres.js';

const rps = Number(process.env.TEND_BENCH_RPS ?? 50);
const seconds = Number(process.env.TEND_BENCH_SECONDS ?? 60);
const secret = 'bench-secret';
const team = 'T0BENCH';
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

async function drive(label: string, database: Record<string, string>, seed: boolean): Promise<void> {
  const slack = await startFakeSlack({
    teamId: team,
    users: [{ id: 'UBENCH', team_id: team, email: 'alex@tend.example' }],
    channels: [{ id: 'DBENCH', is_im: true, user: 'UBENCH' }],
  });
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      ...database,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_API_RETRIES: '0',
      TEND_JOBS_ENABLED: 'false',
    },
    { envFile: false },
  );
  const tend = await startTend(config, createLogger({ level: 'warn' }));
  try {
    if (seed) await seedDemoPortfolio(tend.db.prisma, { seed: 42, today: new Date() });
    const names = (await tend.db.prisma.account.findMany({ select: { name: true }, take: 50 })).map((a) => a.name);
    const url = `http://127.0.0.1:${tend.address.port}/slack/events`;
    const acks: number[] = [];
    const sentAt = new Map<string, number>();
    let errors = 0;
    const total = rps * seconds;
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rps;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = `b${i}`;
      sentAt.set(id, performance.now());
      const body = slashCommandBody({
        command: '/tend',
        text: `health ${names[i % names.length]}`,
        user_id: 'UBENCH',
        team_id: team,
        channel_id: 'DBENCH',
        response_url: slack.responseUrl(id),
        trigger_id: id,
      });
      inFlight.push(
        postSigned(url, secret, body, { contentType: 'form' }).then(
          (r) => {
            if (r.status === 200) acks.push(r.ms);
            else errors++;
          },
          () => void errors++,
        ),
      );
    }
    await Promise.all(inFlight);
    // Answers arrive at response_url after the ack; wait for the stragglers.
    const deadline = performance.now() + 30_000;
    while (
      slack.calls.filter((c) => c.method.startsWith('response_url:')).length < total &&
      performance.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 100));
    const answered = slack.calls.filter((c) => c.method.startsWith('response_url:'));
    errors += total - answered.length;
    const ackSorted = [...acks].sort((a, b) => a - b);
    const answerSorted = answered
      .map((c) => c.at - sentAt.get(c.method.slice('response_url:'.length))!)
      .sort((a, b) => a - b);
    console.log(
      `${label}: ${total} signed /tend health requests at ${rps}/s for ${seconds} s: ack p50 ${percentile(ackSorted, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(ackSorted, 99).toFixed(1)} ms, max ${ackSorted.at(-1)?.toFixed(1)} ms (target p99 < 300 ms); ` +
        `answers delivered ${answered.length}/${total}, request to answer p50 ${percentile(answerSorted, 50).toFixed(0)} ms, p99 ${percentile(answerSorted, 99).toFixed(0)} ms; errors ${errors} (target 0)`,
    );
  } finally {
    await tend.stop();
    await slack.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tend-bench-slack-'));
try {
  await drive('PGlite (embedded, demo portfolio)', { TEND_DATA_DIR: join(dir, 'db') }, false);
  const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
  if (pgUrl)
    await withTemporaryDatabase(pgUrl, (url) => drive('PostgreSQL (demo portfolio)', { DATABASE_URL: url }, true));
  else console.log('PostgreSQL skipped: set TEND_BENCH_POSTGRES_URL to include it.');
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB (Tend, database and load driver in one process)`);
