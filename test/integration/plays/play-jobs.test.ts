import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAlertNotifier } from '../../../src/channels/slack/slack-alert-notifier.js';
import { openAlert, resolveAlert } from '../../../src/services/alerts/alert-store.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { playSchema } from '../../../src/core/plays/play-schema.js';
import { closeSucceededRuns } from '../../../src/services/plays/close-succeeded-runs.js';
import { importPlays } from '../../../src/services/plays/play-catalogue.js';
import { startPlayRun } from '../../../src/services/plays/start-play-run.js';
import { escalateOverdueTasks } from '../../../src/services/plays/escalate-overdue-tasks.js';
import { remindDueTasks } from '../../../src/services/plays/remind-due-tasks.js';
import { sendDailyDigests } from '../../../src/services/attention/send-digest.js';
import type { AlertNotifiers } from '../../../src/services/alerts/alert-notifier.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { testAlertsConfig } from '../../support/tend-test-config.js';
import { testNow } from '../../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../../support/test-database.js';

const day = 86_400_000;
const attention = { weeklyBudget: 8, timeZone: 'UTC' };
const hour = 3_600_000;

// Due reminders, escalation of overdue tasks and auto-close on success, as the play-tasks job runs
// them, through the real Slack client against the fake Slack; on PGlite and on PostgreSQL, where
// three "replicas" run at the same time on separate connections.
describe.each(databaseKinds)('play task jobs (%s)', (kind) => {
  const skip = skipPostgres(kind);
  let db: TestDatabase;
  let slack: FakeSlack;
  let notifiers: AlertNotifiers;
  let accountId: string;
  let alertId: string;
  const dms = (mark: number, user: string) =>
    slack.since(mark, 'chat.postMessage').filter((c) => c.body.channel === user || c.body.channel === `D${user}`);

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 3, today: testNow, accounts: 8, historyWeeks: 4 });
    const account = await db.prisma.account.findFirstOrThrow({
      where: { status: 'ACTIVE', owner: { isNot: null } },
      select: { id: true, name: true, ownerId: true },
      orderBy: { name: 'asc' },
    });
    accountId = account.id;
    const manager = await db.prisma.user.create({
      data: { email: 'lead@tend.example', name: 'Lea Lead', role: 'MANAGER', slackUserId: 'UMGR' },
    });
    await db.prisma.user.update({
      where: { id: account.ownerId! },
      data: { slackUserId: 'UOWNER', managerId: manager.id },
    });
    // A client's CFO imported as a Tend user (a contact of another account, below), and a Slack guest
    // with a Tend role, whose manager is that CFO: neither is ever reminded or escalated to.
    const cfo = await db.prisma.user.create({
      data: { email: 'cfo@client.example', name: 'Casey Cfo', role: 'CSM', slackUserId: 'UCFO' },
    });
    await db.prisma.user.create({
      data: {
        email: 'guest.csm@tend.example',
        name: 'Gale Guest',
        role: 'CSM',
        slackUserId: 'UGUESTCSM',
        managerId: cfo.id,
      },
    });
    slack = await startFakeSlack({
      teamId: 'T1',
      users: [
        { id: 'UOWNER', team_id: 'T1', email: 'owner@tend.example' },
        { id: 'UMGR', team_id: 'T1', email: 'lead@tend.example' },
        { id: 'UCFO', team_id: 'T1', email: 'cfo@client.example' },
        { id: 'UGUESTCSM', team_id: 'T1', email: 'guest.csm@tend.example', is_restricted: true },
      ],
      channels: [],
    });
    notifiers = {
      SLACK: slackAlertNotifier(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } })),
    };
    await openAlert(
      db.prisma,
      {
        accountId,
        candidate: {
          kind: 'signal:low_usage',
          severity: 'WARNING',
          title: `${account.name}: Low usage`,
          evidence: {
            whatChanged: 'x',
            evidence: [],
            dataAsOf: null,
            suggestedAction: 'y',
            score: 55,
            band: 'At Risk',
          },
        },
      },
      { config: testAlertsConfig, timeZone: 'UTC' },
      testNow,
    );
    alertId = (await db.prisma.alert.findFirstOrThrow({ where: { accountId } })).id;
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });

  it.skipIf(skip)('sends each due reminder once, with three replicas running at the same time', async () => {
    const mark = slack.calls.length;
    const nothingYet = await remindDueTasks(db.prisma, notifiers, attention, new Date(testNow.getTime() + hour));
    expect(nothingYet.reminded).toBe(0);
    // Day 2: the approval (due day 1) is due; the account review (day 5) is not.
    const at = new Date(testNow.getTime() + 2 * day);
    const results = await Promise.all([1, 2, 3].map(() => remindDueTasks(db.prisma, notifiers, attention, at)));
    expect(results.reduce((s, r) => s + r.reminded, 0)).toBe(1);
    const sent = dms(mark, 'UOWNER');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.body.text)).toContain(
      'Waiting for your approval: Engagement reminder to the client champion',
    );
    // Day 6: the account review is due; the approval is not reminded again.
    const later = await Promise.all(
      [1, 2, 3].map(() => remindDueTasks(db.prisma, notifiers, attention, new Date(testNow.getTime() + 6 * day))),
    );
    expect(later.reduce((s, r) => s + r.reminded, 0)).toBe(1);
    expect(dms(mark, 'UOWNER').map((c) => String(c.body.text))).toEqual([
      expect.stringContaining('Waiting for your approval'),
      expect.stringContaining('Account review'),
    ]);
    // Each reminder sent is kept on its run, once, with the chat it went to.
    const audit = await db.prisma.playEvent.findMany({ where: { kind: 'reminded' }, orderBy: { at: 'asc' } });
    expect(audit.map((e) => e.detail)).toEqual([{ channel: 'SLACK' }, { channel: 'SLACK' }]);
    expect(new Set(audit.map((e) => e.taskId)).size).toBe(2);
  });

  it.skipIf(skip)(
    'escalates a task overdue past the window once; the manager hears it in one digest a day, the CSM is told',
    async () => {
      const mark = slack.calls.length;
      const dueAt = new Date(testNow.getTime() + 5 * day);
      const early = await escalateOverdueTasks(db.prisma, 24, new Date(dueAt.getTime() + 23 * hour));
      expect(early.escalated).toBe(0);
      const at = new Date(dueAt.getTime() + 25 * hour);
      const runs = await Promise.all([1, 2, 3].map(() => escalateOverdueTasks(db.prisma, 24, at)));
      expect(runs.reduce((s, r) => s + r.escalated, 0)).toBe(1);
      // Escalating sends nothing by itself: the daily digests do, once however many replicas run them.
      expect(dms(mark, 'UMGR')).toHaveLength(0);
      const digests = { prisma: db.prisma, notifiers, policy: attention };
      const passes = await Promise.all([1, 2].map(() => sendDailyDigests(digests, at)));
      expect(passes.reduce((s, r) => s + r.escalationDigests, 0)).toBe(1);
      const toManager = dms(mark, 'UMGR');
      expect(toManager).toHaveLength(1);
      const owner = await db.prisma.user.findFirstOrThrow({ where: { slackUserId: 'UOWNER' } });
      const text = JSON.stringify(toManager[0]!.body);
      expect(text).toContain("Your team's overdue work: 1 task (1 newly escalated)");
      expect(text).toContain(`${owner.name}: 1 overdue, oldest 1 day`);
      expect(text).toMatch(/: Account review[^"]*\(1 day\)/);
      const toOwner = dms(mark, 'UOWNER');
      expect(toOwner).toHaveLength(1);
      expect(JSON.stringify(toOwner[0]!.body)).toMatch(/Escalated to Lea Lead: Account review/);
      // The same day again: nothing new, nothing sent.
      await sendDailyDigests(digests, new Date(at.getTime() + hour));
      expect(dms(mark, 'UMGR')).toHaveLength(1);
      const task = await db.prisma.playTask.findFirstOrThrow({ where: { run: { accountId }, stepIndex: 1 } });
      expect(task.escalationLevel).toBe(1);
    },
  );

  it.skipIf(skip)('closes the run as succeeded when its signal clears, and skips what was left', async () => {
    const at = new Date(testNow.getTime() + 10 * day);
    expect((await closeSucceededRuns(db.prisma, at)).succeeded).toBe(0);
    await resolveAlert(db.prisma, alertId, at, 'usage recovered');
    expect((await closeSucceededRuns(db.prisma, at)).succeeded).toBe(1);
    const run = await db.prisma.playRun.findFirstOrThrow({ where: { alertId }, include: { tasks: true } });
    expect(run).toMatchObject({ state: 'SUCCEEDED', openKey: null });
    expect(run.closeNote).toMatch(/^the signal cleared on \d{4}-\d\d-\d\d/);
    expect(run.tasks.filter((t) => t.state === 'SKIPPED')).toHaveLength(3);
  });

  it.skipIf(skip)('closes runs out of the at-risk bands or renewed in time, and no others', async () => {
    const play = (id: string, success: unknown) =>
      playSchema.parse({
        id,
        name: id,
        source: 'test',
        steps: [{ kind: 'human', title: 'Call', who: 'owner', dueDays: 3 }],
        success,
      });
    const recovered = play('recovered', { kind: 'not_at_risk', withinDays: 30 });
    const renewed = play('renewal-saved', { kind: 'renewed' });
    // The team's own plays: the job closes runs of plays in the catalogue.
    expect((await importPlays(db.prisma, [recovered, renewed])).ok).toBe(true);
    const others = await db.prisma.account.findMany({
      where: {
        status: 'ACTIVE',
        id: { not: accountId },
        alerts: { none: { kind: 'at_risk', state: { not: 'RESOLVED' } } },
      },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
      take: 5,
    });
    expect(others).toHaveLength(5);
    const [scored, stillAtRisk, scoredLate, renewing, notRenewed] = others.map((a) => a.id) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const opened = new Date(testNow.getTime() + 20 * day);
    const runIds: Record<string, string> = {};
    for (const [id, p] of [
      [scored, recovered],
      [stillAtRisk, recovered],
      [scoredLate, recovered],
      [renewing, renewed],
      [notRenewed, renewed],
    ] as const)
      runIds[id] = (await startPlayRun(db.prisma, { accountId: id, play: p, startedBy: 'test' }, opened)).runId;
    const snapshot = (id: string, at: Date, overall: number) =>
      db.prisma.healthSnapshot.create({
        data: {
          accountId: id,
          computedAt: at,
          overall,
          band: 'Healthy',
          dimensions: {},
          explanation: {},
          modelId: 'test',
          modelVersion: '1',
        },
      });
    await snapshot(scored, new Date(opened.getTime() + 5 * day), 78.4);
    await snapshot(stillAtRisk, new Date(opened.getTime() + 5 * day), 75);
    await snapshot(scoredLate, new Date(opened.getTime() + 31 * day), 80);
    await openAlert(
      db.prisma,
      {
        accountId: stillAtRisk,
        candidate: {
          kind: 'at_risk',
          severity: 'WARNING',
          title: 'still at risk',
          evidence: {
            whatChanged: 'x',
            evidence: [],
            dataAsOf: null,
            suggestedAction: 'y',
            score: 50,
            band: 'At Risk',
          },
        },
      },
      { config: testAlertsConfig, timeZone: 'UTC' },
      opened,
    );
    await db.prisma.renewalOutcome.create({
      data: {
        externalId: 'renewal-after-run',
        accountId: renewing,
        kind: 'RENEWED',
        occurredOn: new Date(opened.getTime() + 3 * day),
        source: 'import',
      },
    });
    await db.prisma.renewalOutcome.create({
      data: {
        externalId: 'renewal-before-run',
        accountId: notRenewed,
        kind: 'RENEWED',
        occurredOn: new Date(opened.getTime() - 3 * day),
        source: 'import',
      },
    });
    const at = new Date(opened.getTime() + 40 * day);
    await closeSucceededRuns(db.prisma, at);
    const runs = await db.prisma.playRun.findMany({
      where: { id: { in: Object.values(runIds) } },
      select: { accountId: true, state: true, closeNote: true },
    });
    const stateOf = (id: string) => runs.find((r) => r.accountId === id);
    const date = (d: Date) => d.toISOString().slice(0, 10);
    expect(stateOf(scored)).toEqual({
      accountId: scored,
      state: 'SUCCEEDED',
      closeNote: `out of the at-risk bands: 78 (Healthy) on ${date(new Date(opened.getTime() + 5 * day))}`,
    });
    expect(stateOf(renewing)).toMatchObject({
      state: 'SUCCEEDED',
      closeNote: `renewed on ${date(new Date(opened.getTime() + 3 * day))}`,
    });
    for (const id of [stillAtRisk, scoredLate, notRenewed]) expect(stateOf(id)?.state).toBe('OPEN');
  });

  it.skipIf(skip)(
    'never reminds or escalates to a client contact or a Slack guest with a Tend role, nor assigns a contact',
    async () => {
      const cfo = await db.prisma.user.findUniqueOrThrow({ where: { email: 'cfo@client.example' } });
      const guest = await db.prisma.user.findUniqueOrThrow({ where: { email: 'guest.csm@tend.example' } });
      const [ownedByCfo, ownedByGuest] = await db.prisma.account.findMany({
        where: { status: 'ACTIVE', id: { not: accountId } },
        orderBy: { name: 'desc' },
        take: 2,
      });
      await db.prisma.account.update({ where: { id: ownedByCfo!.id }, data: { ownerId: cfo.id } });
      await db.prisma.account.update({ where: { id: ownedByGuest!.id }, data: { ownerId: guest.id } });
      const review = playSchema.parse({
        id: 'identity-review',
        name: 'Identity review',
        source: 'test',
        steps: [{ kind: 'human', title: 'Account review', who: 'owner', dueDays: 1 }],
        success: { kind: 'renewed' },
      });
      const opened = new Date(testNow.getTime() + 60 * day);
      const runs = await Promise.all(
        [ownedByCfo!, ownedByGuest!].map((a) =>
          startPlayRun(db.prisma, { accountId: a.id, play: review, startedBy: 'test' }, opened),
        ),
      );
      const tasks = await db.prisma.playTask.findMany({ where: { runId: { in: runs.map((r) => r.runId) } } });
      // Both were staff when the runs opened; then the CFO is imported as a contact of another client.
      expect(new Set(tasks.map((t) => t.assigneeId))).toEqual(new Set([cfo.id, guest.id]));
      await db.prisma.contact.create({
        data: { externalId: 'cfo', accountId, name: 'Casey Cfo', email: 'cfo@client.example', role: 'sponsor' },
      });

      const mark = slack.calls.length;
      await remindDueTasks(db.prisma, notifiers, attention, new Date(opened.getTime() + 2 * day));
      expect(dms(mark, 'UCFO')).toEqual([]);
      expect(dms(mark, 'UGUESTCSM')).toEqual([]);
      const withheld = await db.prisma.playEvent.findMany({
        where: { kind: 'reminder_withheld', taskId: { in: tasks.map((t) => t.id) } },
      });
      expect(withheld.map((e) => (e.detail as { reason: string }).reason).sort()).toEqual([
        'Casey Cfo is a client contact; Tend gives tasks and reminders only to the account team.',
        'Gale Guest is a guest or from outside the organisation in chat; Tend gives tasks and reminders only to the account team.',
      ]);

      // The guest's manager is the CFO: the overdue task goes to the admins, never to the contact.
      await escalateOverdueTasks(db.prisma, 24, new Date(opened.getTime() + 3 * day), notifiers);
      expect(dms(mark, 'UCFO')).toEqual([]);
      const escalated = await db.prisma.playEvent.findMany({
        where: { kind: 'escalated', taskId: { in: tasks.map((t) => t.id) } },
      });
      expect(escalated).toHaveLength(2);
      const admins = await db.prisma.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true } });
      expect(admins.length).toBeGreaterThan(0);
      for (const e of escalated) {
        const told = (e.detail as { toldInDigest: string[] }).toldInDigest;
        expect(told.length).toBeGreaterThan(0);
        expect(told).not.toContain(cfo.id);
        expect(told).not.toContain(guest.id);
      }
      // Nor does the contact or the guest get a notice for a digest (not even "your task was escalated").
      const notices = await db.prisma.attentionNotice.findMany({ where: { taskId: { in: tasks.map((t) => t.id) } } });
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.map((n) => n.userId)).not.toContain(cfo.id);
      expect(notices.map((n) => n.userId)).not.toContain(guest.id);

      // A run opened now gives the contact's steps to someone on the account team.
      await db.prisma.playRun.updateMany({
        where: { id: runs[0]!.runId },
        data: { state: 'ABANDONED', openKey: null },
      });
      const again = await startPlayRun(
        db.prisma,
        { accountId: ownedByCfo!.id, play: review, startedBy: 'test' },
        opened,
      );
      const task = await db.prisma.playTask.findFirstOrThrow({ where: { runId: again.runId } });
      expect(task.assigneeId).not.toBeNull();
      expect(task.assigneeId).not.toBe(cfo.id);
    },
  );
});
