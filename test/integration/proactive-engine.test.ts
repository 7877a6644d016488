import { logNote } from '../../src/services/accounts/log-note.js';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertNotifier } from '../../src/channels/slack/slack-alert-notifier.js';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import { openAlert, type AlertPolicyContext } from '../../src/services/alerts/alert-store.js';
import { deliverAlerts, refreshAlertMessages } from '../../src/services/alerts/deliver-alerts.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testAlertsConfig } from '../support/tend-test-config.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

const t0 = new Date('2026-11-16T09:00:00Z');
const day = 86_400_000;
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
const struggling = {
  dau_pct: 20,
  feature_adoption_pct: 25,
  logins_per_user_weekly: 0.8,
  tickets_per_user_monthly: 4,
  avg_resolution_hours: 70,
  escalation_rate_pct: 30,
  stakeholder_engagement_pct: 15,
  xla_achievement_pct: 30,
  roi_realization_pct: 20,
};

describe.each(databaseKinds)('proactive engine on %s', (kind) => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let deps: JobDeps;
  let acmeId: string;
  const logger = createLogger({ level: 'silent' });

  const setMetrics = async (values: Record<string, number>, at: Date) => {
    const date = new Date(at.toISOString().slice(0, 10));
    await db.prisma.metricObservation.createMany({
      data: Object.entries(values).map(([key, value]) => ({ accountId: acmeId, key, date, value, source: 'test' })),
      skipDuplicates: true,
    });
  };
  const posts = (mark: number) => slack.since(mark, 'chat.postMessage');
  /** An at-risk alert on an account, titled by its kind's number, as the engine would open it. */
  const raiseTestAlert = (
    account: { id: string; name: string },
    alert: { kind: string; severity: 'WARNING' | 'CRITICAL'; score: number },
    policy: AlertPolicyContext,
    at: Date,
  ) =>
    openAlert(
      db.prisma,
      {
        accountId: account.id,
        candidate: {
          kind: alert.kind,
          severity: alert.severity,
          title: `${account.name}: test alert ${alert.kind.split('_').at(-1)}`,
          evidence: {
            whatChanged: 'x',
            evidence: [],
            dataAsOf: null,
            suggestedAction: 'y',
            score: alert.score,
            band: 'At Risk',
          },
        },
      },
      policy,
      at,
    );

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 9, today: new Date(t0.getTime() - day), accounts: 20, historyWeeks: 2 });
    // Acme's owner is the only person Tend can reach in Slack, so every message is about Acme.
    const owner = await db.prisma.user.create({
      data: { email: 'owner@tend.example', name: 'Olive Owner', role: 'CSM', slackUserId: 'UOWNER' },
    });
    const acme = await db.prisma.account.update({
      where: { externalId: (await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } })).externalId },
      data: { ownerId: owner.id },
    });
    acmeId = acme.id;
    slack = await startFakeSlack({
      teamId: 'T1',
      users: [],
      channels: [
        { id: 'CDIGEST', name: 'cs-digest' },
        { id: 'CQUIET', name: 'cs-alerts' },
        { id: 'CPARTNERS', name: 'acme-partners', is_ext_shared: true },
      ],
    });
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    deps = {
      prisma: db.prisma,
      logger,
      config: { alerts: testAlertsConfig, scheduleTimeZone: 'UTC', surveys: { minDaysBetween: 30, expiryDays: 7 } },
      notifiers: { SLACK: slackAlertNotifier(client) },
    };
    // A first full run: the baseline. Acme (healthy in the demo) raises nothing.
    await runJobOnce(deps, job('recompute-all'), t0, 'setup');
    await runJobOnce(deps, job('deliver-alerts'), t0, 'setup');
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('three schedulers on one database run each slot once; a dead runner’s claim is taken over', async () => {
    const at = new Date(t0.getTime() + 30_000);
    const outcomes = await Promise.all(
      ['a', 'b', 'c'].map((r) => runJobOnce(deps, job('prune-deliveries'), at, `replica-${r}`)),
    );
    expect(outcomes.filter((o) => o.status === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'skipped')).toHaveLength(2);
    const runs = await db.prisma.jobRun.findMany({ where: { job: 'prune-deliveries' } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.state).toBe('SUCCEEDED');

    // A runner that died mid-run leaves RUNNING behind; after its lease another replica takes over.
    const slot = new Date('2026-11-15T03:15:00Z');
    await db.prisma.jobRun.create({
      data: {
        job: 'prune-deliveries',
        slot,
        state: 'RUNNING',
        runner: 'dead',
        claimedAt: slot,
        expiresAt: new Date(slot.getTime() + 60_000),
      },
    });
    const early = await runJobOnce(deps, job('prune-deliveries'), new Date(slot.getTime() + 30_000), 'alive', slot);
    expect(early.status).toBe('skipped');
    const late = await runJobOnce(deps, job('prune-deliveries'), new Date(slot.getTime() + 120_000), 'alive', slot);
    expect(late.status).toBe('ran');
  });

  run('a metric change raises explained alerts, each delivered exactly once, and nothing on re-runs', async () => {
    const t1 = new Date(t0.getTime() + day);
    await setMetrics(struggling, t1);
    const mark = slack.calls.length;
    const recompute = await runJobOnce(deps, job('recompute-changed'), t1, 'r1');
    expect(recompute.status).toBe('ran');
    const opened = await db.prisma.alert.findMany({ where: { accountId: acmeId, state: 'OPEN' } });
    expect(opened.map((a) => a.kind)).toContain('at_risk');
    expect(opened.map((a) => a.kind)).toContain('sharp_drop');

    await runJobOnce(deps, job('deliver-alerts'), t1, 'r1');
    const sent = posts(mark);
    // One change, one message: the lead alert names the others it raised.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.channel).toBe('UOWNER');
    const text = JSON.stringify(sent[0]!.body.blocks);
    expect(text).toContain('Also raised by this change');
    for (const a of opened) expect(text).toContain(a.title.replace(/"/g, '\\"'));
    for (const part of [
      'What changed',
      'Evidence',
      'Suggested action',
      'Data as of',
      'Acknowledge',
      'Snooze 7 days',
      'Claim',
      'Why?',
    ])
      expect(text).toContain(part);

    // Re-runs, later slots and another replica change nothing.
    const mark2 = slack.calls.length;
    await runJobOnce(deps, job('recompute-changed'), new Date(t1.getTime() + 5 * 60_000), 'r2');
    await runJobOnce(deps, job('recompute-all'), new Date(t1.getTime() + 6 * 60_000), 'r2');
    await runJobOnce(deps, job('deliver-alerts'), new Date(t1.getTime() + 7 * 60_000), 'r2');
    await runJobOnce(deps, job('deliver-alerts'), new Date(t1.getTime() + 7 * 60_000), 'r3');
    expect(posts(mark2)).toHaveLength(0);
    expect(await db.prisma.alert.count({ where: { accountId: acmeId, state: { not: 'RESOLVED' } } })).toBe(
      opened.length,
    );
  });

  run('acting on an alert updates its message; recovery resolves it and updates the message again', async () => {
    const alert = await db.prisma.alert.findFirstOrThrow({
      where: { accountId: acmeId, kind: 'at_risk', state: 'OPEN' },
    });
    const mark = slack.calls.length;
    const reply = await handleMessage(
      {
        prisma: db.prisma,
        now: () => new Date(t0.getTime() + day + 3_600_000),
        onAlertChanged: (id) => refreshAlertMessages(deps, id),
      },
      {
        text: `alert claim ${alert.id}`,
        channel: 'slack',
        actor: {
          userId: (await db.prisma.user.findUniqueOrThrow({ where: { email: 'owner@tend.example' } })).id,
          role: 'csm',
          external: false,
          place: 'dm',
        },
      },
    );
    expect(reply.headline).toMatch(/^Claimed: it is yours\./);
    const [claimed] = await slack.waitFor(mark, 'chat.update');
    expect(JSON.stringify(claimed!.body.blocks)).toContain('Claimed by Olive Owner');

    const t2 = new Date(t0.getTime() + 2 * day);
    await setMetrics(
      {
        dau_pct: 90,
        feature_adoption_pct: 85,
        logins_per_user_weekly: 6,
        tickets_per_user_monthly: 0.3,
        avg_resolution_hours: 6,
        escalation_rate_pct: 1,
        stakeholder_engagement_pct: 85,
        xla_achievement_pct: 95,
        roi_realization_pct: 95,
      },
      t2,
    );
    const mark2 = slack.calls.length;
    await runJobOnce(deps, job('recompute-changed'), t2, 'r1');
    const resolved = await db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(resolved.state).toBe('RESOLVED');
    const updates = await slack.waitFor(mark2, 'chat.update');
    expect(JSON.stringify(updates.map((u) => u.body.blocks))).toContain('Resolved: Acme Corp turned');
    expect(posts(mark2)).toHaveLength(0);
  });

  run('escalates an unclaimed critical alert to the owner’s manager, and sends the weekly digest', async () => {
    const manager = await db.prisma.user.create({
      data: { email: 'boss@tend.example', name: 'Bo Boss', role: 'MANAGER', slackUserId: 'UBOSS' },
    });
    await db.prisma.user.update({ where: { email: 'owner@tend.example' }, data: { managerId: manager.id } });
    const opened = new Date(t0.getTime() + 3 * day);
    await openAlert(
      db.prisma,
      {
        accountId: acmeId,
        candidate: {
          kind: 'test_critical',
          severity: 'CRITICAL',
          title: 'Acme Corp: critical test',
          evidence: {
            whatChanged: 'x',
            evidence: [],
            dataAsOf: null,
            suggestedAction: 'y',
            score: 30,
            band: 'Critical',
          },
        },
      },
      { config: testAlertsConfig, timeZone: 'UTC' },
      opened,
    );
    const mark = slack.calls.length;
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 60_000), 'r1');
    expect(posts(mark).map((p) => p.body.channel)).toEqual(['UOWNER']);
    const mark2 = slack.calls.length;
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 25 * 3_600_000), 'r1');
    const escalated = posts(mark2);
    expect(escalated.map((p) => p.body.channel)).toEqual(['UBOSS']);
    expect(JSON.stringify(escalated[0]!.body.blocks)).toContain('escalated to level 1');
    // Claimed alerts do not escalate further.
    const alert = await db.prisma.alert.findFirstOrThrow({ where: { kind: 'test_critical' } });
    await db.prisma.alert.update({
      where: { id: alert.id },
      data: { claimedAt: new Date(opened.getTime() + 26 * 3_600_000) },
    });
    const mark3 = slack.calls.length;
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 49 * 3_600_000), 'r1');
    expect(posts(mark3)).toHaveLength(0);

    const digestDeps: JobDeps = {
      ...deps,
      config: { ...deps.config, alerts: { ...testAlertsConfig, digestSlackChannel: 'CDIGEST' } },
    };
    const mark4 = slack.calls.length;
    const digest = await runJobOnce(digestDeps, job('weekly-digest'), new Date('2026-11-23T08:00:10Z'), 'r1');
    expect(digest.status).toBe('ran');
    const sent = posts(mark4);
    expect(sent.map((p) => p.body.channel).sort()).toEqual(['CDIGEST', 'UBOSS']);
    const team = JSON.stringify(sent.find((p) => p.body.channel === 'UBOSS')!.body.blocks);
    expect(team).toMatch(/Weekly digest, Bo Boss's team: \d+ of 1 accounts at risk/);
    expect(team).toMatch(/Alert-to-action \(48 h\)/);
    expect(team).toContain('Renewals in 90 days');
  });

  run('climbs the escalation path to the people configured for each role; alerts can be assigned', async () => {
    await db.prisma.user.create({
      data: { email: 'di.rector@escalation.example', name: 'Di Rector', role: 'MANAGER', slackUserId: 'UDIRECTOR' },
    });
    // A client's CFO, imported as a Tend user and configured for the role by mistake: never escalated to.
    await db.prisma.user.create({
      data: { email: 'cfo@client.example', name: 'Casey Cfo', role: 'MANAGER', slackUserId: 'UCFO' },
    });
    await db.prisma.contact.create({
      data: { externalId: 'ESCALATION-CFO', accountId: acmeId, name: 'Casey Cfo', email: 'cfo@client.example' },
    });
    const director = ['di.rector@escalation.example', 'cfo@client.example'];
    await db.prisma.setting.upsert({
      where: { key: 'alerts.escalationPeople' },
      create: { key: 'alerts.escalationPeople', value: { 'Director of Client Services': director } },
      update: { value: { 'Director of Client Services': director } },
    });
    const opened = new Date(t0.getTime() + 10 * day);
    await openAlert(
      db.prisma,
      {
        accountId: acmeId,
        candidate: {
          kind: 'test_escalation_path',
          severity: 'CRITICAL',
          title: 'Acme Corp: escalation path test',
          evidence: {
            whatChanged: 'x',
            evidence: [],
            dataAsOf: null,
            suggestedAction: 'y',
            score: 30,
            band: 'Critical',
          },
        },
      },
      { config: testAlertsConfig, timeZone: 'UTC' },
      opened,
    );
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 60_000), 'r1');
    const mark = slack.calls.length;
    // Step 2 of BY MB's strategic path (Head of Customer Success) has nobody configured: the owner's manager.
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 25 * 3_600_000), 'r1');
    // Step 3 (Director of Client Services) is configured.
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 49 * 3_600_000), 'r1');
    expect(posts(mark).map((p) => p.body.channel)).toEqual(['UBOSS', 'UDIRECTOR']);

    const alert = await db.prisma.alert.findFirstOrThrow({ where: { kind: 'test_escalation_path' } });
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { email: 'owner@tend.example' } });
    const reply = await handleMessage(
      { prisma: db.prisma, now: () => new Date(opened.getTime() + 50 * 3_600_000) },
      {
        text: `alert assign ${alert.id} to boss@tend.example`,
        channel: 'slack',
        actor: { userId: owner.id, role: 'csm', external: false, place: 'dm' },
      },
    );
    expect(reply.headline).toBe('Assigned to Bo Boss. (Acme Corp: escalation path test)');
    const toClient = await handleMessage(
      { prisma: db.prisma, now: () => new Date(opened.getTime() + 50 * 3_600_000) },
      {
        text: `alert assign ${alert.id} to cfo@client.example`,
        channel: 'slack',
        actor: { userId: owner.id, role: 'csm', external: false, place: 'dm' },
      },
    );
    expect(toClient.headline).toContain(
      'Not assigned: Casey Cfo is a client contact; Tend gives tasks and reminders only to the account team.',
    );
    const mark2 = slack.calls.length;
    await runJobOnce(deps, job('deliver-alerts'), new Date(opened.getTime() + 73 * 3_600_000), 'r1');
    expect(posts(mark2)).toHaveLength(0);
  });

  run('dispatches surveys by cadence once, reminds once halfway, and closes them at expiry', async () => {
    await db.prisma.contact.create({
      data: {
        externalId: 'DISPATCH-C1',
        accountId: acmeId,
        name: 'Cleo Client',
        role: 'champion',
        slackUserId: 'UCLEO',
      },
    });
    const t = new Date('2026-11-25T09:00:00Z');
    const mark = slack.calls.length;
    const first = await runJobOnce(deps, job('survey-dispatch'), t, 'r1');
    expect(first).toMatchObject({ status: 'ran', summary: { sent: 1, reminded: 0 } });
    const invite = posts(mark).find((p) => p.body.channel === 'UCLEO')!;
    expect(JSON.stringify(invite.body.blocks)).toContain('How likely are you to recommend us');
    // Another replica, and the next day: nothing new for Acme (its cadence is 90 or 180 days).
    expect((await runJobOnce(deps, job('survey-dispatch'), t, 'r2')).status).toBe('skipped');
    const nextDay = await runJobOnce(deps, job('survey-dispatch'), new Date(t.getTime() + day), 'r1');
    expect(nextDay).toMatchObject({ summary: { sent: 0, reminded: 0 } });
    const halfway = await runJobOnce(deps, job('survey-dispatch'), new Date(t.getTime() + 4 * day), 'r1');
    expect(halfway).toMatchObject({ summary: { reminded: 1 } });
    const later = await runJobOnce(deps, job('survey-dispatch'), new Date(t.getTime() + 5 * day), 'r1');
    expect(later).toMatchObject({ summary: { reminded: 0 } });
    const expired = await runJobOnce(deps, job('survey-dispatch'), new Date(t.getTime() + 7 * day), 'r1');
    expect(expired).toMatchObject({ summary: { expired: 1 } });
    const toCleo = posts(mark).filter((p) => p.body.channel === 'UCLEO');
    expect(toCleo).toHaveLength(2);
    expect(JSON.stringify(toCleo[1]!.body.blocks)).toContain('A reminder: How likely');
  });

  run('asks CSAT after an onboarding milestone once; other milestones ask nothing', async () => {
    // Cleo was asked NPS on 2026-11-25; 40 days later she may be asked again.
    const t = new Date('2027-01-04T09:00:00Z');
    const csm = { role: 'csm' as const, external: false, place: 'dm' as const };
    await logNote(
      db.prisma,
      csm,
      { accountId: acmeId, text: 'Renewal paperwork signed', via: 'test', kind: 'milestone' },
      new Date(t.getTime() - 2 * 3_600_000),
    );
    const mark = slack.calls.length;
    const quiet = await runJobOnce(deps, job('survey-dispatch'), t, 'r1');
    expect(quiet).toMatchObject({ status: 'ran', summary: { sent: 0 } });
    await logNote(
      db.prisma,
      csm,
      { accountId: acmeId, text: 'Onboarding complete: all 40 admins trained', via: 'test', kind: 'milestone' },
      new Date(t.getTime() - 3_600_000),
    );
    const asked = await runJobOnce(deps, job('survey-dispatch'), new Date(t.getTime() + day), 'r1');
    expect(asked).toMatchObject({ status: 'ran', summary: { sent: 1 } });
    const invite = posts(mark).filter((p) => p.body.channel === 'UCLEO');
    expect(invite).toHaveLength(1);
    expect(JSON.stringify(invite[0]!.body.blocks)).toContain('How satisfied are you with our service so far?');
    const request = await db.prisma.surveyRequest.findFirstOrThrow({
      where: { accountId: acmeId, surveyKey: 'csat' },
    });
    expect(request).toMatchObject({ destination: 'UCLEO', respondent: 'UCLEO', state: 'SENT' });
    const nextDay = await runJobOnce(deps, job('survey-dispatch'), new Date(t.getTime() + 2 * day), 'r1');
    expect(nextDay).toMatchObject({ status: 'ran', summary: { sent: 0 } });
    expect(await db.prisma.surveyRequest.count({ where: { accountId: acmeId, surveyKey: 'csat' } })).toBe(1);
  });

  run('quiet hours defer delivery; the daily cap rolls the rest up into one message', async () => {
    const others = await db.prisma.account.findMany({ where: { status: 'ACTIVE', id: { not: acmeId } }, take: 4 });
    const quietDeps: JobDeps = {
      ...deps,
      config: {
        ...deps.config,
        alerts: {
          ...testAlertsConfig,
          quietHours: { start: '20:00', end: '08:00' },
          weeklyBudget: 8,
          dailyCap: 2,
          slackChannel: 'CQUIET',
        },
      },
    };
    const policy = { config: quietDeps.config.alerts, timeZone: 'UTC' };
    const night = new Date('2026-11-20T22:00:00Z');
    for (const [i, a] of others.entries())
      await raiseTestAlert(a, { kind: `test_quiet_${i}`, severity: 'WARNING', score: 50 }, policy, night);
    const mark = slack.calls.length;
    const atNight = await deliverAlerts({ ...quietDeps, policy }, new Date('2026-11-20T23:00:00Z'));
    expect(atNight.sent).toBe(0);
    expect(posts(mark)).toHaveLength(0);
    const morning = await deliverAlerts({ ...quietDeps, policy }, new Date('2026-11-21T08:01:00Z'));
    expect(morning).toMatchObject({ sent: 2, rolledUp: 2, rollups: 1 });
    const toChannel = posts(mark).filter((p) => p.body.channel === 'CQUIET');
    expect(toChannel).toHaveLength(3);
    expect(JSON.stringify(toChannel.at(-1)!.body.blocks)).toContain('2 more alert(s) today');
    // Nothing is sent twice.
    expect((await deliverAlerts({ ...quietDeps, policy }, new Date('2026-11-21T08:02:00Z'))).sent).toBe(0);
  });

  run('nothing internal is posted to a channel shared with another organisation; admins are told once', async () => {
    await db.prisma.user.create({
      data: { email: 'ada.admin@tend.example', name: 'Ada Admin', role: 'ADMIN', slackUserId: 'UADMIN' },
    });
    const sharedDeps: JobDeps = {
      ...deps,
      config: {
        ...deps.config,
        alerts: { ...testAlertsConfig, slackChannel: 'CPARTNERS', digestSlackChannel: 'CPARTNERS' },
      },
    };
    const policy = { config: sharedDeps.config.alerts, timeZone: 'UTC' };
    const accounts = await db.prisma.account.findMany({ where: { status: 'ACTIVE', id: { not: acmeId } }, take: 3 });
    const raise = (a: (typeof accounts)[number], i: number, at: Date) =>
      raiseTestAlert(a, { kind: `test_shared_${i}`, severity: 'CRITICAL', score: 30 }, policy, at);
    const at = new Date('2026-11-24T10:00:00Z');
    for (const [i, a] of accounts.slice(0, 2).entries()) await raise(a, i, at);
    const mark = slack.calls.length;
    const first = await deliverAlerts({ ...sharedDeps, policy }, at);
    expect(first.sent).toBe(0);
    expect(first.failed).toBeGreaterThanOrEqual(2);
    const toShared = () => posts(mark).filter((p) => p.body.channel === 'CPARTNERS');
    const toAdmin = () => posts(mark).filter((p) => p.body.channel === 'UADMIN');
    expect(toShared()).toHaveLength(0);
    expect(toAdmin()).toHaveLength(1);
    expect(String(toAdmin()[0]!.body.text)).toContain(
      'Tend did not post alerts to #acme-partners: people outside your organisation',
    );
    // Tend asked Slack about the channel instead of trusting what it knew at start-up.
    expect(slack.since(mark, 'conversations.info').map((c) => c.body.channel)).toContain('CPARTNERS');

    // Later alerts and the weekly digest are refused too, and the admins are not told again.
    await raise(accounts[2]!, 2, new Date(at.getTime() + 3_600_000));
    await deliverAlerts({ ...sharedDeps, policy }, new Date(at.getTime() + 3_600_000));
    await runJobOnce(sharedDeps, job('weekly-digest'), new Date('2026-11-30T08:00:10Z'), 'r1');
    expect(toShared()).toHaveLength(0);
    expect(toAdmin()).toHaveLength(1);
    const stored = await db.prisma.alertMessage.findMany({ where: { destination: 'CPARTNERS' } });
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(stored.every((m) => m.state === 'FAILED')).toBe(true);
    // The client's CFO holds a manager role in Tend (the escalation path above): no digest for them.
    expect(posts(mark).filter((p) => p.body.channel === 'UCFO')).toEqual([]);
    expect(posts(mark).some((p) => p.body.channel === 'UBOSS')).toBe(true);
  });
});
