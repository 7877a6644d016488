// Plays at scale on PostgreSQL: 10,000 accounts with 50,000 open tasks (one five-step run each, 50
// CSMs with 1,000 tasks apiece). "my tasks" through the conversation layer, p50 / p99 over 300
// asks (target p99 < 300 ms), and the due-reminder pass over 5,000 tasks falling due at once
// (target < 10 s), the auto-close pass over every open run, and the plays report over a year of
// history (20,000 cases). The notifier is an in-memory one:
// Slack's own latency is not in the figure.
//   TEND_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:plays
import { handleMessage } from '../../src/conversation/handle-message.js';
import { createLogger } from '../../src/logging/logger.js';
import type { AlertNotifier } from '../../src/services/alerts/alert-notifier.js';
import { closeSucceededRuns } from '../../src/services/plays/close-succeeded-runs.js';
import { playReport } from '../../src/services/plays/play-report.js';
import { remindDueTasks } from '../../src/services/plays/remind-due-tasks.js';
import { withBenchDatabase } from '../support/temporary-postgres.js';

const accounts = Number(process.env.TEND_BENCH_ACCOUNTS ?? 10_000);
const csms = 50;
const pgUrl = process.env.TEND_BENCH_POSTGRES_URL;
const logger = createLogger({ level: 'warn' });
const now = new Date('2026-11-20T09:00:00Z');

if (!pgUrl) {
  console.log(
    'Set TEND_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.',
  );
} else {
  await withBenchDatabase(pgUrl, logger, async (db) => {
    const started = performance.now();
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "User" (id, email, name, role, "slackUserId", "updatedAt")
      SELECT gen_random_uuid(), 'csm' || i || '@bench.example', 'CSM ' || i, 'CSM', 'UCSM' || i, now()
      FROM generate_series(1, ${csms}) AS i`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Account" (id, "externalId", name, segment, tier, "lifecycleStage", arr, currency, "ownerId", "updatedAt")
      SELECT gen_random_uuid(), 'bench-' || i, 'Bench Account ' || i, 'standard', 'professional', 'adoption', 10000 + i, 'USD',
             (SELECT id FROM "User" WHERE email = 'csm' || (1 + i % ${csms}) || '@bench.example'), now()
      FROM generate_series(1, ${accounts}) AS i`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "PlayRun" (id, "accountId", "playId", "playVersion", "openKey", state, "ownerId", "startedBy", "openedAt")
      SELECT gen_random_uuid(), a.id, 'mapleai-health-below-70', 1, a.id || ':mapleai-health-below-70', 'OPEN', a."ownerId", 'manual',
             TIMESTAMPTZ '2026-11-01 09:00:00+00'
      FROM "Account" a`);
    // Five steps per run, due 1 to 60 days after it opened; every other run's second step falls due today.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "PlayTask" (id, "runId", "stepIndex", kind, title, "assigneeId", "dueAt", state, "updatedAt")
      SELECT gen_random_uuid(), r.id, s, 'human', 'Step ' || s, r."ownerId",
             CASE WHEN s = 1 AND abs(hashtext(r.id::text)) % 2 = 0 THEN TIMESTAMPTZ '2026-11-20 08:00:00+00'
                  ELSE TIMESTAMPTZ '2026-11-21 09:00:00+00' + (abs(hashtext(r.id::text || s)) % 60) * INTERVAL '1 day' END,
             'OPEN', now()
      FROM "PlayRun" r, generate_series(0, 4) AS s`);
    await db.prisma.$executeRawUnsafe('ANALYZE');
    const tasks = await db.prisma.playTask.count({ where: { state: 'OPEN' } });
    console.log(
      `filled ${accounts} accounts, ${tasks} open tasks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const users = await db.prisma.user.findMany({ select: { id: true } });
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      const reply = await handleMessage(
        { prisma: db.prisma, now: () => now },
        {
          text: i % 2 ? 'my tasks' : "what's due this week?",
          channel: 'shell',
          actor: { role: 'csm', external: false, place: 'dm', userId: users[i % users.length]!.id },
        },
      );
      times.push(performance.now() - t);
      if (i === 0) console.log(`first answer: ${reply.headline}`);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
    console.log(
      `"my tasks" over 300 asks: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms (target p99 < 300 ms)`,
    );

    let sent = 0;
    const notifier: AlertNotifier = {
      channel: 'SLACK',
      send: async () => {
        sent++;
        return { conversation: 'D', ref: String(sent) };
      },
      update: async () => {},
    };
    const t = performance.now();
    const result = await remindDueTasks(db.prisma, { SLACK: notifier }, { weeklyBudget: 8, timeZone: 'UTC' }, now);
    console.log(
      `due-reminder pass: ${result.reminded} reminders and ${result.summaries} summaries in ${((performance.now() - t) / 1000).toFixed(2)} s (target < 10 s), ${sent} sent`,
    );
    const again = performance.now();
    const second = await remindDueTasks(db.prisma, { SLACK: notifier }, { weeklyBudget: 8, timeZone: 'UTC' }, now);
    console.log(
      `second pass (nothing due): ${second.reminded} reminders in ${(performance.now() - again).toFixed(0)} ms`,
    );
    // Every fifth account scored out of the at-risk bands since its run opened: those runs close.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "HealthSnapshot" (id, "accountId", "computedAt", overall, band, dimensions, explanation, "modelId", "modelVersion")
      SELECT gen_random_uuid(), a.id, TIMESTAMPTZ '2026-11-10 02:00:00+00', 80, 'Healthy', '{}', '{}', 'bench', '1'
      FROM "Account" a WHERE abs(hashtext(a.id::text)) % 5 = 0`);
    const closing = performance.now();
    const closed = await closeSucceededRuns(db.prisma, now);
    console.log(
      `auto-close pass over ${accounts} open runs: ${closed.succeeded} closed as succeeded in ${((performance.now() - closing) / 1000).toFixed(2)} s`,
    );

    // "Which plays work?" over a year of history: two past usage-decline alerts per account, the play
    // run to completion after half of them, a renewal two months after each, weekly scores.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Alert" (id, "accountId", kind, severity, state, "dedupeKey", title, "openedAt", "resolvedAt", "updatedAt")
      SELECT gen_random_uuid(), a.id, 'signal:usage_decline_mom', 'WARNING', 'RESOLVED', a.id || ':past:' || k, 'past',
             TIMESTAMPTZ '2026-11-21 09:00:00+00' - (100 + 150 * k) * INTERVAL '1 day',
             TIMESTAMPTZ '2026-11-21 09:00:00+00' - (70 + 150 * k) * INTERVAL '1 day', now()
      FROM "Account" a, generate_series(0, 1) AS k`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "PlayRun" (id, "accountId", "playId", "playVersion", "openKey", state, "ownerId", "startedBy", "openedAt", "closedAt")
      SELECT gen_random_uuid(), al."accountId", 'mapleai-usage-decline', 1, NULL, 'COMPLETED', NULL, 'signal:usage_decline_mom',
             al."openedAt" + INTERVAL '1 hour', al."openedAt" + INTERVAL '21 days'
      FROM "Alert" al WHERE al.kind = 'signal:usage_decline_mom' AND abs(hashtext(al.id::text)) % 2 = 0`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "RenewalOutcome" (id, "externalId", "accountId", kind, "occurredOn", source, "updatedAt")
      SELECT gen_random_uuid(), 'bench-renewal-' || al.id, al."accountId",
             (CASE WHEN abs(hashtext(al.id::text || 'c')) % 5 = 0 THEN 'CHURNED' ELSE 'RENEWED' END)::"OutcomeKind",
             (al."openedAt" + INTERVAL '60 days')::date, 'bench', now()
      FROM "Alert" al WHERE al.kind = 'signal:usage_decline_mom'`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "HealthSnapshot" (id, "accountId", "computedAt", overall, band, dimensions, explanation, "modelId", "modelVersion")
      SELECT gen_random_uuid(), a.id, TIMESTAMPTZ '2026-11-16 02:00:00+00' - w * INTERVAL '7 days',
             40 + abs(hashtext(a.id::text || w)) % 50, 'Watch', '{}', '{}', 'bench', '1'
      FROM "Account" a, generate_series(1, 52) AS w`);
    await db.prisma.$executeRawUnsafe('ANALYZE');
    const reporting = performance.now();
    const report = await playReport(db.prisma, now);
    const measured = report.plays.find((p) => p.playId === 'mapleai-usage-decline');
    console.log(
      `"which plays work?" over ${accounts * 2} past cases and ${accounts * 52} weekly scores: ${((performance.now() - reporting) / 1000).toFixed(2)} s (${measured?.completed ?? 0} completed, ${measured?.notRun ?? 0} not run)`,
    );
  });
}
