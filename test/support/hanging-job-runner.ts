// A replica in a child process that claims a job's slot and never finishes its work, heartbeating
// its lease every 50 ms: the test kills it with SIGKILL mid-run, as a crash or an OOM kill would.
// Run: node --import tsx test/support/hanging-job-runner.ts <database url> <job> <now ISO> <runner>
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/db/client.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';

const [url, name, nowIso, runner] = process.argv.slice(2) as [string, string, string, string];
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
const job = jobDefinitions.find((j) => j.name === name)!;
const hanging = {
  ...job,
  run: () => {
    process.stdout.write('working\n');
    return new Promise<Record<string, unknown>>(() => {});
  },
};
await runJobOnce(
  {
    prisma,
    logger: createLogger({ level: 'silent' }),
    config: { alerts: {} as never, scheduleTimeZone: 'UTC', surveys: { minDaysBetween: 30, expiryDays: 7 } },
    notifiers: {},
  },
  hanging,
  new Date(nowIso),
  runner,
  { lease: { leaseMs: 90_000, heartbeatEveryMs: 50 } },
);
