import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertNotifier } from '../../src/channels/slack/slack-alert-notifier.js';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { healthReply } from '../../src/conversation/health-replies.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import { getPreset } from '../../src/core/presets/built-in-presets.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { backtestHealth } from '../../src/services/outcomes/backtest-health.js';
import { dataGaps } from '../../src/services/scoring/data-gaps.js';
import { getAccountHealth } from '../../src/services/scoring/get-account-health.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testAlertsConfig } from '../support/tend-test-config.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// Three accounts a new team imports every day: one with no metrics yet, one whose data stopped 200
// days ago, one whose contract has not started. None may read as 0/100, open an at-risk alert or
// count as "flagged" in a backtest.

const t0 = new Date('2026-11-16T09:00:00Z');
const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;

describe.each(databaseKinds)('accounts without enough data to score, %s', (kind) => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let deps: JobDeps;
  const names = ['Nodata Ltd', 'Oldata Inc', 'Notyet Co'];
  const ids = new Map<string, string>();

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, {
      seed: 5,
      today: new Date(t0.getTime() - dayMs),
      accounts: 12,
      historyWeeks: 1,
    });
    const owner = await db.prisma.user.create({
      data: { email: 'gap-owner@tend.example', name: 'Gail Owner', role: 'CSM', slackUserId: 'UGAP' },
    });
    for (const name of names) {
      const account = await db.prisma.account.create({
        data: {
          externalId: name.toLowerCase().replace(/\W+/g, '-'),
          name,
          tier: 'mid',
          segment: 'mid-market',
          lifecycleStage: 'adoption',
          arr: 50_000,
          currency: 'USD',
          ownerId: owner.id,
          ...(name === 'Notyet Co' ? { contractStart: new Date(t0.getTime() + 30 * dayMs) } : {}),
        },
      });
      ids.set(name, account.id);
    }
    // Every input of the workspace's model, 200 days before t0: all outside the model's windows.
    const model = getPreset('bis-table').model!;
    await db.prisma.metricObservation.createMany({
      data: model.dimensions.flatMap((d) =>
        d.inputs.map((i) => ({
          accountId: ids.get('Oldata Inc')!,
          key: i.metric,
          date: new Date(isoDay(new Date(t0.getTime() - 200 * dayMs))),
          value: 5,
          source: 'import',
        })),
      ),
    });
    slack = await startFakeSlack({ teamId: 'T1', users: [], channels: [{ id: 'CALERTS', name: 'cs-alerts' }] });
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    deps = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      config: {
        alerts: { ...testAlertsConfig, slackChannel: 'CALERTS' },
        scheduleTimeZone: 'UTC',
        surveys: { minDaysBetween: 30, expiryDays: 7 },
      },
      notifiers: { SLACK: slackAlertNotifier(client) },
    };
    await runJobOnce(deps, job('recompute-all'), t0, 'test');
    await runJobOnce(deps, job('deliver-alerts'), t0, 'test');
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('says "not enough data" with what is missing and since when, never a score', async () => {
    const reasons = new Map([
      ['Nodata Ltd', 'no-data'],
      ['Oldata Inc', 'old-data'],
      ['Notyet Co', 'before-start'],
    ]);
    for (const name of names) {
      const found = await getAccountHealth(db.prisma, name, t0);
      if (found.kind !== 'found') throw new Error(`${name} not found`);
      const assessment = found.report.assessment!;
      expect(assessment.kind, name).toBe('insufficient-data');
      if (assessment.kind !== 'insufficient-data') continue;
      expect(assessment.gap.reason, name).toBe(reasons.get(name));
      const reply = healthReply(found.report);
      expect(reply.headline).toBe(`${name}: not enough data to score`);
      expect(JSON.stringify(reply)).not.toMatch(/\b0\/100\b|Urgent|Critical/);
    }
    const old = await getAccountHealth(db.prisma, 'Oldata Inc', t0);
    if (old.kind === 'found' && old.report.assessment?.kind === 'insufficient-data')
      expect(old.report.assessment.gap.text).toContain(isoDay(new Date(t0.getTime() - 200 * dayMs)));
    // The stored state has no overall and no band a model knows.
    const stored = await db.prisma.healthSnapshot.findMany({ where: { accountId: { in: [...ids.values()] } } });
    expect(stored.map((s) => [s.overall, s.band])).toEqual(names.map(() => [null, 'insufficient-data']));
  });

  run('opens no at-risk alert: the owner gets one data-gap notice, the alert channel nothing', async () => {
    const alerts = await db.prisma.alert.findMany({ where: { accountId: { in: [...ids.values()] } } });
    expect(alerts.map((a) => a.kind).sort()).toEqual(['data_gap', 'data_gap', 'data_gap']);
    const posts = slack.since(0, 'chat.postMessage');
    const about = (name: string) => posts.filter((p) => JSON.stringify(p.body).includes(name));
    for (const name of names) {
      expect(
        about(name).map((p) => p.body.channel),
        name,
      ).toEqual(['UGAP']);
      expect(JSON.stringify(about(name)[0]!.body)).toContain('not enough data to score');
    }
    // Once: the next runs find the same gap and say nothing more.
    const mark = slack.calls.length;
    await runJobOnce(deps, job('recompute-all'), new Date(t0.getTime() + dayMs), 'test');
    await runJobOnce(deps, job('deliver-alerts'), new Date(t0.getTime() + dayMs), 'test');
    const again = slack
      .since(mark, 'chat.postMessage')
      .filter((p) => names.some((n) => JSON.stringify(p.body).includes(n)));
    expect(again).toEqual([]);
  });

  run('lists them in the sources answer, and the portfolio counts them apart', async () => {
    expect((await dataGaps(db.prisma)).map((g) => g.name)).toEqual(names.slice().sort());
    const admin = await db.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
    const actor = { userId: admin.id, role: 'admin' as const, external: false, place: 'dm' as const };
    const sources = await handleMessage(
      { prisma: db.prisma, now: () => t0 },
      { text: 'sources', channel: 'shell', actor },
    );
    expect(sources.sections?.find((s) => s.title === 'Not enough data to score (3)')?.lines).toEqual(
      expect.arrayContaining(['Nodata Ltd: newest data never']),
    );
    const portfolio = await handleMessage(
      { prisma: db.prisma, now: () => t0 },
      { text: 'portfolio all', channel: 'shell', actor },
    );
    expect(portfolio.facts).toContainEqual({ label: 'Not enough data to score', value: '3' });
  });

  run('counts their outcomes as unscored in the backtest, never as flagged', async () => {
    // All three churn 40 days on: 30 days before, their latest state is the gap.
    for (const name of names)
      await db.prisma.renewalOutcome.create({
        data: {
          externalId: `churn-${name}`,
          accountId: ids.get(name)!,
          kind: 'CHURNED',
          occurredOn: new Date(isoDay(new Date(t0.getTime() + 40 * dayMs))),
          arrBefore: 50_000,
          arrAfter: 0,
          source: 'test',
        },
      });
    const later = new Date(t0.getTime() + 50 * dayMs);
    const result = await backtestHealth(
      db.prisma,
      { from: isoDay(new Date(t0.getTime() + 39 * dayMs)), to: isoDay(later) },
      later,
    );
    const h30 = result.report.horizons.find((h) => h.days === 30)!;
    expect(result.report.outcomes.total).toBe(3);
    expect([h30.scored, h30.unscored, h30.insufficientData]).toEqual([0, 3, 3]);
    expect(h30.churn.flagged).toBe(0);
    expect(result.report.leadTime.flaggedChurns).toBe(0);
  });
});
