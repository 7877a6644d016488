// What Tend asks of people's attention over 90 days of the demo: the real jobs run each simulated
// day at their scheduled times with a fixed moving `now`, fresh usage data arrives every day (a
// deterministic drift per account and metric), and a simulated CSM acts on a share of the work
// (seeded, so every run is the same). Prints messages per person per week (median, p95, max),
// open tasks per CSM, escalation digests per manager, the first pass after a fresh start, and the
// share of alerts that led to an action. The notifier is in memory: it counts, it does not post.
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:attention
import { testAlertsConfig } from '../../test/support/tend-test-config.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { createLogger } from '../../src/logging/logger.js';
import type { AlertNotifier } from '../../src/services/alerts/alert-notifier.js';
import { actOnAlert } from '../../src/services/alerts/act-on-alert.js';
import type { Actor } from '../../src/services/access/actor.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { SeededRandom } from '../../src/services/demo/seeded-random.js';
import { actOnTask } from '../../src/services/plays/act-on-task.js';
import type { Reply } from '../../src/replies/reply.js';
import { withBenchDatabase } from '../support/temporary-postgres.js';

const days = Number(process.env.TEND_BENCH_DAYS ?? 90);
const actShare = Number(process.env.TEND_BENCH_ACT_SHARE ?? 0.5);
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
const logger = createLogger({ level: 'warn' });
const dayMs = 86_400_000;
const start = new Date('2026-09-14T00:00:00Z');
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
const at = (day: number, hh: number, mm = 0) => new Date(start.getTime() + day * dayMs + (hh * 60 + mm) * 60_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `median ${quantile(s, 0.5)}, p95 ${quantile(s, 0.95)}, max ${s.at(-1) ?? 0}`;
};

if (!pgUrl) {
  console.log(
    'Set TEND_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench runs on PostgreSQL.',
  );
} else {
  await withBenchDatabase(pgUrl, logger, async (db) => {
    const t0 = performance.now();
    const { prisma } = db;
    // The demo as a fresh start would seed it, on the first simulated day.
    await seedDemoPortfolio(prisma, { seed: 42, today: at(0, 0) });
    const users = await prisma.user.findMany({
      orderBy: { email: 'asc' },
      select: { id: true, role: true, name: true },
    });
    for (const [i, u] of users.entries())
      await prisma.user.update({ where: { id: u.id }, data: { slackUserId: `UB${i}` } });
    const who = new Map(users.map((u, i) => [`UB${i}`, u]));
    const log: { user: string; at: Date; headline: string }[] = [];
    let clock = at(0, 0);
    const notifier: AlertNotifier = {
      channel: 'SLACK',
      send: async (destination: string, reply: Reply) => {
        log.push({ user: destination, at: clock, headline: reply.headline });
        return { conversation: `D${destination}`, ref: String(log.length) };
      },
      update: async () => {},
    } as AlertNotifier;
    const deps: JobDeps = {
      prisma,
      logger,
      config: {
        scheduleTimeZone: 'UTC',
        surveys: { minDaysBetween: 30, expiryDays: 7 },
        alerts: testAlertsConfig,
      },
      notifiers: { SLACK: notifier },
    };
    const run = async (name: string, when: Date) => {
      clock = when;
      await job(name).run(deps, when);
    };
    const rng = new SeededRandom(7);
    const csmActor = (userId: string): Actor => ({ userId, role: 'csm', external: false, place: 'dm' });
    let firstPass = 0;
    for (let d = 0; d < days; d++) {
      if (d > 0) {
        // The day's usage: yesterday's value, drifted by a fixed amount per account, metric and day.
        await prisma.$executeRawUnsafe(`
          INSERT INTO "MetricObservation" ("accountId", key, date, value, source)
          SELECT DISTINCT ON ("accountId", key) "accountId", key, DATE '${iso(at(d, 0))}',
                 GREATEST(0, value * (1 + (hashtext("accountId"::text || key || '${iso(at(d, 0))}') % 100) / 1200.0)), 'bench'
          FROM "MetricObservation" WHERE date < DATE '${iso(at(d, 0))}'
          ORDER BY "accountId", key, date DESC
          ON CONFLICT DO NOTHING`);
      }
      await run('recompute-all', at(d, 2));
      await run('deliver-alerts', at(d, 2, 1));
      await run('play-tasks', at(d, 2, 5));
      await run('renewal-reminders', at(d, 7));
      await run('touchpoint-cadence', at(d, 7, 30));
      await run('attention-digest', at(d, 8));
      await run('deliver-alerts', at(d, 8, 1));
      if (at(d, 0).getUTCDay() === 1) await run('weekly-digest', at(d, 8, 2));
      if (d === 0) firstPass = log.length;
      // The CSMs act on a share of what is due and of the alerts they were told about.
      const now = at(d, 10);
      const due = await prisma.playTask.findMany({
        where: {
          state: { in: ['OPEN', 'AWAITING_APPROVAL'] },
          dueAt: { lte: now },
          kind: 'human',
          run: { state: 'OPEN' },
          assignee: { role: 'CSM' },
        },
        select: { id: true, assigneeId: true },
        orderBy: { id: 'asc' },
      });
      for (const t of due) {
        const r = rng.next();
        if (r >= actShare) continue;
        const action =
          r < actShare * 0.8
            ? { kind: 'done' as const }
            : r < actShare * 0.9
              ? { kind: 'skip' as const, reason: 'covered elsewhere' }
              : { kind: 'snooze' as const, days: 3 };
        await actOnTask(prisma, csmActor(t.assigneeId!), { taskId: t.id, action }, now);
      }
      const told = await prisma.alert.findMany({
        where: {
          state: 'OPEN',
          acknowledgedAt: null,
          account: { owner: { role: 'CSM' } },
          messages: { some: { state: { in: ['SENT', 'ROLLED_UP'] } } },
        },
        select: { id: true, account: { select: { ownerId: true } } },
        orderBy: { id: 'asc' },
      });
      for (const a of told)
        if (rng.next() < actShare)
          await actOnAlert(prisma, csmActor(a.account.ownerId!), { alertId: a.id, action: { kind: 'ack' } }, now);
      await run('play-tasks', at(d, 14));
      await run('deliver-alerts', at(d, 14, 1));
    }

    const weeks = Math.floor(days / 7);
    const perWeek = (role: string, filter: (h: string) => boolean = () => true) => {
      const counts: number[] = [];
      for (const [slack, u] of who) {
        if (u.role !== role) continue;
        for (let w = 0; w < weeks; w++)
          counts.push(
            log.filter(
              (m) =>
                m.user === slack &&
                filter(m.headline) &&
                m.at.getTime() >= start.getTime() + w * 7 * dayMs &&
                m.at.getTime() < start.getTime() + (w + 1) * 7 * dayMs,
            ).length,
          );
      }
      return counts;
    };
    const escalationDigest = (h: string) => h.startsWith("Your team's overdue work");
    const perDayMax = (() => {
      const byDay = new Map<string, number>();
      for (const m of log.filter((x) => escalationDigest(x.headline))) {
        const k = `${m.user}:${iso(m.at)}`;
        byDay.set(k, (byDay.get(k) ?? 0) + 1);
      }
      return Math.max(0, ...byDay.values());
    })();
    const firstPassPerPerson = new Map<string, number>();
    for (const m of log.slice(0, firstPass)) firstPassPerPerson.set(m.user, (firstPassPerPerson.get(m.user) ?? 0) + 1);
    const openPerCsm = await Promise.all(
      users
        .filter((u) => u.role === 'CSM')
        .map((u) =>
          prisma.playTask.count({
            where: { assigneeId: u.id, state: { in: ['OPEN', 'AWAITING_APPROVAL'] }, run: { state: 'OPEN' } },
          }),
        ),
    );
    const [alerts, acted] = await Promise.all([
      prisma.alert.count({ where: { openedAt: { gte: start } } }),
      prisma.$queryRawUnsafe<{ n: bigint }[]>(`
        SELECT count(*) AS n FROM "Alert" a
        WHERE a."openedAt" >= '${start.toISOString()}' AND (
          a."acknowledgedAt" IS NOT NULL OR a."claimedAt" IS NOT NULL OR EXISTS (
            SELECT 1 FROM "PlayEvent" e JOIN "PlayRun" r ON r.id = e."runId"
            WHERE r."accountId" = a."accountId" AND e.kind IN ('done', 'skip')
              AND e.at >= a."openedAt" AND e.at < a."openedAt" + interval '7 days'))`),
    ]);
    const csms = users.filter((u) => u.role === 'CSM').length;
    const managers = users.filter((u) => u.role === 'MANAGER').length;
    console.log(
      `attention over ${days} days of the demo (${csms} CSMs, ${managers} managers, weekly budget 8, CSMs act on ${actShare * 100} % of what is due)`,
    );
    console.log(
      `  first pass after a fresh start: ${firstPass} messages to ${firstPassPerPerson.size} people, at most ${Math.max(0, ...firstPassPerPerson.values())} per person (${log.slice(0, firstPass).filter((m) => m.headline.startsWith('Catching up')).length} summaries)`,
    );
    console.log(`  messages per CSM per week: ${stats(perWeek('CSM'))}`);
    console.log(`  messages per manager per week: ${stats(perWeek('MANAGER'))}`);
    console.log(
      `  escalation digests per manager per week: ${stats(perWeek('MANAGER', escalationDigest))}; most in one day: ${perDayMax}`,
    );
    console.log(`  open tasks per CSM at day ${days}: ${stats(openPerCsm)}`);
    console.log(
      `  alerts opened: ${alerts}; led to an action within 7 days: ${alerts ? ((Number(acted[0]!.n) / alerts) * 100).toFixed(0) : 0} %`,
    );
    console.log(`  total messages: ${log.length}; ran in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  });
}
