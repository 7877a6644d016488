import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { createSourceKey } from '../../src/services/ingest/api-keys.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testAlertsConfig, testTendConfig } from '../support/tend-test-config.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// Seconds, not minutes, from data to alert: a usage drop sent through the ingest API reaches the
// alert channel of a running Tend (jobs on, fake Slack) in under 10 s, as one message naming the
// source that fed it, to the minute.

const t0 = new Date('2026-11-16T09:00:00Z');
const dayMs = 86_400_000;
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
const struggling: Record<string, number> = {
  dau_pct: 18,
  feature_adoption_pct: 20,
  logins_per_user_weekly: 0.6,
  tickets_per_user_monthly: 5,
  avg_resolution_hours: 80,
  escalation_rate_pct: 35,
  stakeholder_engagement_pct: 10,
  xla_achievement_pct: 25,
  roi_realization_pct: 15,
};

describe.each(databaseKinds)('a usage drop through the ingest API, %s', (kind) => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let tend: RunningTend;
  let key: string;
  let acme: { id: string; externalId: string };

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, {
      seed: 9,
      today: new Date(t0.getTime() - dayMs),
      accounts: 20,
      historyWeeks: 2,
    });
    acme = await db.prisma.account.findFirstOrThrow({
      where: { name: 'Acme Corp' },
      select: { id: true, externalId: true },
    });
    key = (await createSourceKey(db.prisma, { source: 'usage-warehouse' })).key;
    // The baseline, scored and alerted before Tend starts: Acme is healthy, nothing about it is pending.
    const quiet = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      config: { alerts: testAlertsConfig, scheduleTimeZone: 'UTC', surveys: { minDaysBetween: 30, expiryDays: 7 } },
      notifiers: {},
    };
    await runJobOnce(quiet, job('recompute-all'), t0, 'setup');
    expect(await db.prisma.alert.count({ where: { accountId: acme.id } })).toBe(0);
    slack = await startFakeSlack({ teamId: 'T1', users: [], channels: [{ id: 'CALERTS', name: 'cs-alerts' }] });
    const config = testTendConfig(db, {
      TEND_JOBS_ENABLED: 'true',
      TEND_LIVE_POLL_MS: '200',
      TEND_LIVE_DEBOUNCE_MS: '500',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_API_RETRIES: '0',
      TEND_ALERT_SLACK_CHANNEL: 'CALERTS',
      // The demo's own at-risk accounts go out at start-up too; the cap must not roll Acme's alert up.
      TEND_ALERT_DAILY_CAP: '1000',
    });
    // The clock moves with real time from t0, so a run's "now" is when the data arrived.
    const started = Date.now();
    tend = await startTend(config, createLogger({ level: 'silent' }), {
      now: () => new Date(t0.getTime() + (Date.now() - started)),
    });
  });
  afterAll(async () => {
    await tend?.stop();
    await slack?.close();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('reaches the alert channel in under 10 s, as one message naming its source', async () => {
    // Let the start-up catch-up runs pass (daily reminders about other things may still go out: the
    // assertions below count the messages of the health alerts this change raised).
    await new Promise((r) => setTimeout(r, 1_500));
    const mark = slack.calls.length;
    const sentAt = performance.now();
    const sentOn = new Date();
    const res = await fetch(`http://127.0.0.1:${tend.address.port}/api/v1/ingest/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: Object.entries(struggling).map(([metric, value]) => ({
          account_external_id: acme.externalId,
          key: metric,
          date: '2026-11-16',
          value,
        })),
      }),
    });
    expect(res.status).toBe(200);
    const healthAlertTitles = async () =>
      (
        await db.prisma.alert.findMany({
          where: { accountId: acme.id, openedAt: { gte: t0 } },
          select: { kind: true, title: true },
        })
      )
        .filter((a) => a.kind === 'at_risk' || a.kind === 'sharp_drop' || a.kind.startsWith('signal:'))
        .map((a) => a.title);
    let titles: string[] = [];
    const aboutAcme = () =>
      slack
        .since(mark, 'chat.postMessage')
        .filter((p) => p.body.channel === 'CALERTS' && titles.some((t) => JSON.stringify(p.body.text).includes(t)));
    while (aboutAcme().length === 0 && performance.now() - sentAt < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      titles = await healthAlertTitles();
    }
    const latency = performance.now() - sentAt;
    expect(aboutAcme(), 'no alert reached the channel within 10 s').toHaveLength(1);
    expect(latency).toBeLessThan(10_000);
    // Wait a little more: the other alerts this change raised are folded in, not sent after.
    await new Promise((r) => setTimeout(r, 1_500));
    titles = await healthAlertTitles();
    expect(titles.length).toBeGreaterThan(1);
    expect(aboutAcme()).toHaveLength(1);
    const body = JSON.stringify(aboutAcme()[0]!.body);
    expect(body).toMatch(/usage-warehouse 2026-11-16 09:\d\d UTC/);
    expect(body).toContain('Also raised by this change');
    // Scored once: one snapshot for this change, whichever replica's loop or sweep got there first.
    const snapshots = await db.prisma.healthSnapshot.count({
      where: { accountId: acme.id, recordedAt: { gte: sentOn } },
    });
    expect(snapshots).toBe(1);
    expect(await db.prisma.recomputeRequest.count()).toBe(0);
  });
});
