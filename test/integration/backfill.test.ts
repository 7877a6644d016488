import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertNotifier } from '../../src/channels/slack/slack-alert-notifier.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { renderReplyAsText } from '../../src/channels/shell/render-reply.js';
import { backtestReply } from '../../src/conversation/backtest-replies.js';
import { coverageAdvice } from '../../src/conversation/coverage-advice.js';
import { backtestHealth } from '../../src/services/outcomes/backtest-health.js';
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

  run('names the inputs the model lacked, with their weight, when it could not score', async () => {
    // A team without business-value, relationship or expansion data, nor daily active users: 38 %
    // of the default model's weight, below its 50 % floor.
    const lacking = [
      'xla_achievement_pct',
      'roi_realization_pct',
      'efficiency_gain_pct',
      'product_satisfaction_pct',
      'meetings',
      'stakeholder_engagement_pct',
      'advocacy_pct',
      'expansion_readiness_pct',
      'dau_pct',
    ];
    await db.prisma.metricObservation.deleteMany({ where: { key: { in: lacking } } });
    const result = await backfillHistory(db.prisma, {
      from: new Date(today.getTime() - 42 * dayMs),
      to: new Date(today.getTime() - 14 * dayMs),
      everyDays: 14,
    });
    expect(result.insufficient).toBeGreaterThan(0);
    expect(result.insufficient).toBe(result.snapshots);
    const [gaps] = result.coverage;
    expect(gaps).toMatchObject({ modelId: 'bis-table', unscored: result.insufficient, minimumCoverage: 0.5 });
    expect(gaps!.medianCoverage).toBeCloseTo(0.38, 2);
    // Heaviest first: daily active users (30 % x 40 %), then the 10 % inputs.
    expect(gaps!.missing.map((m) => m.metric).slice(0, 3)).toEqual([
      'dau_pct',
      'expansion_readiness_pct',
      'xla_achievement_pct',
    ]);
    // Every input removed is named as missing in every unscored snapshot (others may lack more).
    for (const metric of lacking)
      expect(gaps!.missing.find((m) => m.metric === metric)?.missingIn, metric).toBe(result.insufficient);
    expect(gaps!.missing[0]).toMatchObject({ missingIn: result.insufficient });
    expect(gaps!.missing[0]!.weight).toBeCloseTo(0.12, 10);
    const [why, wayOut] = coverageAdvice(gaps!);
    expect(why).toContain(
      `${result.insufficient} snapshot(s) of model bis-table are "not enough data": it needs 50 % of its weight backed by recent data, and these had 38 % (median). Missing: ${gaps!.missing[0]!.label} (12 % of the weight, missing in ${result.insufficient})`,
    );
    expect(wayOut).toMatch(/^Ways out: score with a preset that weighs the inputs you have/);
  });

  run('says in the backtest which inputs kept its outcomes unscored', async () => {
    // A renewal today, on an account whose score 14 days before was "not enough data" (test above).
    const gap = await db.prisma.healthSnapshot.findFirstOrThrow({
      where: { computedAt: new Date(today.getTime() - 14 * dayMs), overall: null },
    });
    await db.prisma.renewalOutcome.create({
      data: {
        externalId: 'renewal-today',
        accountId: gap.accountId,
        kind: 'RENEWED',
        occurredOn: today,
        source: 'import',
      },
    });
    const run = await backtestHealth(db.prisma, { horizons: [14], focusHorizon: 14 }, today);
    expect(run.report.horizons[0]).toMatchObject({ scored: 0, insufficientData: 1 });
    expect(run.coverage?.[0]).toMatchObject({ modelId: 'bis-table', minimumCoverage: 0.5 });
    expect(run.coverage![0]!.missing[0]!.metric).toBe('dau_pct');
    const text = renderReplyAsText(backtestReply(run));
    expect(text).toContain('Why outcomes were not scored');
    expect(text).toMatch(/of model bis-table are "not enough data": it needs 50 % of its weight backed by recent data/);
    expect(text).toContain('No churn was scored 14 days ahead: not enough data to say which churns were missed.');
    expect(text).not.toMatch(/AUC 0\.00|None: every churn/);
  });
});
