import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertNotifier } from '../../../src/channels/slack/slack-alert-notifier.js';
import { jobDefinitions } from '../../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../../src/jobs/job.js';
import { runJobOnce } from '../../../src/jobs/run-job.js';
import { createLogger } from '../../../src/logging/logger.js';
import { reserveAttention, sentInWindow } from '../../../src/services/attention/attention-ledger.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { testAlertsConfig } from '../../support/tend-test-config.js';
import { daysAfterTestNow, testNow } from '../../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../../support/test-database.js';

const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
const minute = 60_000;

// The attention budget through the real jobs, the real Slack client and the fake Slack, on the
// demo portfolio: a fresh start sends no backlog, and the weekly budget holds even when two
// replicas run the same passes at the same moment (PostgreSQL: separate connections).
describe.each(databaseKinds)('attention budget (%s)', (kind) => {
  const skip = skipPostgres(kind);
  let db: TestDatabase;
  let slack: FakeSlack;
  let deps: JobDeps;
  let people: { id: string; slackUserId: string }[];
  const dmsTo = (user: string, mark = 0) =>
    slack.since(mark, 'chat.postMessage').filter((c) => c.body.channel === user || c.body.channel === `D${user}`);

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 5, today: testNow, accounts: 40, historyWeeks: 8 });
    const users = await db.prisma.user.findMany({ orderBy: { email: 'asc' }, select: { id: true } });
    people = [];
    for (const [i, u] of users.entries()) {
      const slackUserId = `UP${i}`;
      await db.prisma.user.update({ where: { id: u.id }, data: { slackUserId } });
      people.push({ id: u.id, slackUserId });
    }
    slack = await startFakeSlack({ teamId: 'T1', users: [], channels: [] });
    deps = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      config: { alerts: testAlertsConfig, scheduleTimeZone: 'UTC', surveys: { minDaysBetween: 30, expiryDays: 7 } },
      notifiers: {
        SLACK: slackAlertNotifier(
          new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
        ),
      },
    };
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });

  it.skipIf(skip)('sends no backlog on a fresh start: one summary per person, nothing else that day', async () => {
    await runJobOnce(deps, job('recompute-all'), testNow, 'test');
    await runJobOnce(deps, job('deliver-alerts'), new Date(testNow.getTime() + minute), 'test');
    await runJobOnce(deps, job('play-tasks'), new Date(testNow.getTime() + 5 * minute), 'test');
    const opened = await db.prisma.alert.count({ where: { state: 'OPEN' } });
    const tasks = await db.prisma.playTask.count({ where: { state: 'OPEN' } });
    expect(opened).toBeGreaterThan(people.length);
    expect(tasks).toBeGreaterThan(people.length);
    const perPerson = people.map((p) => dmsTo(p.slackUserId).map((c) => String(c.body.text)));
    // Nobody gets a message per alert or task: at most one summary each, and nothing else.
    for (const messages of perPerson) {
      expect(messages.length).toBeLessThanOrEqual(1);
      for (const text of messages) expect(text).toMatch(/Catching up: \d+ things? for you/);
    }
    expect(perPerson.some((m) => m.some((t) => /Catching up: \d+ things for you/.test(t)))).toBe(true);
    // What the summary carried is not told again by the next passes of the same day.
    const mark = slack.calls.length;
    await runJobOnce(deps, job('deliver-alerts'), new Date(testNow.getTime() + 10 * minute), 'test');
    await runJobOnce(deps, job('play-tasks'), new Date(testNow.getTime() + 10 * minute), 'test');
    // Nor by the day's lifecycle alerts and digest pass: after a catch-up summary the day stays quiet.
    for (const [name, minutes] of [
      ['renewal-reminders', 60],
      ['touchpoint-cadence', 90],
      ['deliver-alerts', 95],
      ['attention-digest', 120],
    ] as const)
      await job(name).run(deps, new Date(testNow.getTime() + minutes * minute));
    expect(slack.since(mark, 'chat.postMessage')).toHaveLength(0);
  });

  it.skipIf(skip)(
    'holds the weekly budget with two passes of every job running at once, day after day',
    async () => {
      const passes = ['recompute-all', 'deliver-alerts', 'play-tasks', 'attention-digest'];
      // What Slack received each simulated day, per person (day 0: the fresh start above).
      const perDay: Map<string, number>[] = [new Map(people.map((p) => [p.slackUserId, dmsTo(p.slackUserId).length]))];
      for (let d = 1; d <= 9; d++) {
        const mark = slack.calls.length;
        for (const name of passes) {
          const at = new Date(daysAfterTestNow(d).getTime() + passes.indexOf(name) * 10 * minute);
          // Two replicas running the same pass at the same moment (scoring once: it sends through deliver-alerts).
          await Promise.all(
            name === 'recompute-all' ? [job(name).run(deps, at)] : [job(name).run(deps, at), job(name).run(deps, at)],
          );
        }
        perDay.push(new Map(people.map((p) => [p.slackUserId, dmsTo(p.slackUserId, mark).length])));
      }
      let busiest = 0;
      for (const p of people)
        for (let d = 0; d < perDay.length; d++) {
          const week = perDay.slice(Math.max(0, d - 6), d + 1).reduce((s, m) => s + m.get(p.slackUserId)!, 0);
          busiest = Math.max(busiest, week);
          expect(week).toBeLessThanOrEqual(testAlertsConfig.weeklyBudget);
        }
      // The passes did send: the budget was used, not avoided.
      expect(busiest).toBeGreaterThan(2);
    },
    120_000,
  );

  it.skipIf(skip)('never gives the last place twice when twenty replicas ask at the same time', async () => {
    const someone = people.at(-1)!.id;
    await db.prisma.attentionMessage.deleteMany({ where: { userId: someone } });
    const at = daysAfterTestNow(40);
    const policy = { weeklyBudget: 8, timeZone: 'UTC' };
    const granted = await Promise.all(
      Array.from({ length: 20 }, () =>
        reserveAttention(db.prisma, policy, { userId: someone, kind: 'alert', tier: 'urgent' }, at),
      ),
    );
    // Urgent items may use all but the last place, which stays for the digest.
    expect(granted.filter(Boolean)).toHaveLength(7);
    expect(
      await reserveAttention(db.prisma, policy, { userId: someone, kind: 'digest', tier: 'digest' }, at),
    ).not.toBeNull();
    expect(
      await reserveAttention(db.prisma, policy, { userId: someone, kind: 'digest', tier: 'digest' }, at),
    ).toBeNull();
    expect(await sentInWindow(db.prisma, someone, at)).toBe(8);
    // A week on, the places are free again.
    expect(await sentInWindow(db.prisma, someone, daysAfterTestNow(47))).toBe(0);
  });
});
