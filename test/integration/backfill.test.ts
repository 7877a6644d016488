import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertNotifier } from '../../src/channels/slack/slack-alert-notifier.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { backfillHistory } from '../../src/services/scoring/backfill-history.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testAlertsConfig } from '../support/tend-test-config.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// `tend backfill` scores the past from dated data for backtests: snapshots only, never an alert or a
// message, former customers included, and the same days scored twice give the same rows.

const today = new Date('2026-09-14T00:00:00Z');
const dayMs = 86_400_000;
const from = new Date(today.getTime() - 730 * dayMs);
const to = new Date(today.getTime() - 7 * dayMs);

describe.each(databaseKinds)('tend backfill on %s', (kind) => {
  let db: TestDatabase;
  let slack: FakeSlack;
  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 4, today, accounts: 24, historyWeeks: 0, outcomeHistory: false });
    slack = await startFakeSlack({ teamId: 'T1', users: [], channels: [{ id: 'CALERTS', name: 'cs-alerts' }] });
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('writes snapshots over two years every 14 days, raises nothing and sends nothing', async () => {
    // A former customer whose contract ended 100 days ago, its data still in the book.
    const former = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    const churned = await db.prisma.account.update({
      where: { id: former.id },
      data: { status: 'CHURNED', contractEnd: new Date(today.getTime() - 100 * dayMs) },
    });
    const progress: number[] = [];
    const result = await backfillHistory(db.prisma, { from, to, everyDays: 14 }, (p) => progress.push(p.done));
    expect(result.days).toHaveLength(52);
    expect(result.days.at(-1)).toBe('2026-08-29');
    expect(result.days[0]).toBe('2024-09-14');
    expect(progress).toEqual(result.days.map((_, i) => i + 1));
    expect(result.snapshots).toBeGreaterThan(24 * 10);
    expect(result.failed).toEqual([]);
    // Snapshots only: no alert opened, no message queued, so a delivery run posts nothing.
    expect(await db.prisma.alert.count()).toBe(0);
    expect(await db.prisma.alertMessage.count()).toBe(0);
    await runJobOnce(
      {
        prisma: db.prisma,
        logger: createLogger({ level: 'silent' }),
        config: {
          alerts: { ...testAlertsConfig, slackChannel: 'CALERTS' },
          scheduleTimeZone: 'UTC',
          surveys: { minDaysBetween: 30, expiryDays: 7 },
        },
        notifiers: {
          SLACK: slackAlertNotifier(
            new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
          ),
        },
      },
      jobDefinitions.find((j) => j.name === 'deliver-alerts')!,
      today,
      'test',
    );
    expect(slack.calls).toEqual([]);
    // A former customer is scored while it was one, and not after its contract ended.
    const history = await db.prisma.healthSnapshot.findMany({
      where: { accountId: churned.id },
      select: { computedAt: true, recordedAt: true, overall: true },
    });
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((s) => s.computedAt.getTime() <= churned.contractEnd!.getTime() + dayMs)).toBe(true);
    // Each snapshot is recorded as of its own day, so the live "changed" run still rescores new data.
    expect(history.every((s) => s.recordedAt.getTime() === s.computedAt.getTime())).toBe(true);
  });

  run('is idempotent: the same days again replace their rows with the same scores', async () => {
    const before = await db.prisma.healthSnapshot.findMany({
      orderBy: [{ accountId: 'asc' }, { computedAt: 'asc' }],
      select: { accountId: true, computedAt: true, overall: true, band: true },
    });
    const again = await backfillHistory(db.prisma, { from, to, everyDays: 14 });
    const after = await db.prisma.healthSnapshot.findMany({
      orderBy: [{ accountId: 'asc' }, { computedAt: 'asc' }],
      select: { accountId: true, computedAt: true, overall: true, band: true },
    });
    expect(again.snapshots).toBe(before.length);
    expect(after).toEqual(before);
  });
});
