import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/conversation/handle-message.js';
import type { Actor } from '../../../src/services/access/actor.js';
import { alertView, openAlert } from '../../../src/services/alerts/alert-store.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import type { PlayEffects } from '../../../src/services/plays/play-effects.js';
import { openTasksOf } from '../../../src/services/plays/play-views.js';
import { alertReply } from '../../../src/replies/alert-reply.js';
import { suggestedPlaysFor } from '../../../src/services/plays/play-views.js';
import { alertOnSurveyAnswer } from '../../../src/services/surveys/survey-alerts.js';
import { answerSurvey, commentOnSurvey, createSurveyRequest } from '../../../src/services/surveys/survey-requests.js';
import { testAlertsConfig } from '../../support/tend-test-config.js';
import { testClock, testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

// From alert to tracked work, through the conversation layer on the demo portfolio.
describe('play runs and tasks', () => {
  let db: TestDatabase;
  let owner: Actor;
  let stranger: Actor;
  let account: { id: string; name: string };
  const sent: string[] = [];
  let failNext = false;
  const effects: PlayEffects = {
    messageChampion: async ({ text }) => {
      if (failNext) {
        failNext = false;
        throw new Error('the champion has no chat identity');
      }
      sent.push(text);
      return 'Slack DM to the champion';
    },
    surveyChampion: async ({ survey }) => {
      sent.push(`survey ${survey}`);
      return 'survey sent';
    },
    postEscalation: async ({ text }) => {
      sent.push(`escalation ${text}`);
      return '#cs-escalations';
    },
    createCrmTask: async () => ({ ref: 'hubspot:1', to: 'HubSpot task 1' }),
  };
  const ask = (text: string, actor: Actor, plays?: PlayEffects) =>
    handleMessage(
      { prisma: db.prisma, now: testClock.now, ...(plays ? { plays } : {}) },
      { text, channel: 'shell', actor },
    );
  const policy = { config: testAlertsConfig, timeZone: 'UTC' };
  const signal = (kind: string) => ({
    accountId: account.id,
    candidate: {
      kind,
      severity: 'WARNING' as const,
      title: `${account.name}: ${kind}`,
      evidence: { whatChanged: 'x', evidence: [], dataAsOf: null, suggestedAction: 'y', score: 55, band: 'At Risk' },
    },
  });

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 5, today: testNow, accounts: 12, historyWeeks: 4 });
    const a = await db.prisma.account.findFirstOrThrow({
      where: { status: 'ACTIVE', owner: { isNot: null }, contacts: { some: { role: 'champion' } } },
      select: { id: true, name: true, ownerId: true },
      orderBy: { name: 'asc' },
    });
    account = a;
    owner = { role: 'csm', external: false, place: 'dm', userId: a.ownerId! };
    const other = await db.prisma.user.findFirstOrThrow({ where: { role: 'CSM', id: { not: a.ownerId! } } });
    stranger = { role: 'csm', external: false, place: 'dm', userId: other.id };
  });
  afterAll(async () => db?.close());

  it('opens a run with its tasks when an alert that names a play opens, once however often it fires', async () => {
    await openAlert(db.prisma, signal('signal:low_usage'), policy, testNow);
    await openAlert(db.prisma, signal('signal:low_usage'), policy, testNow);
    const runs = await db.prisma.playRun.findMany({
      where: { accountId: account.id, state: 'OPEN' },
      include: { tasks: true },
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ playId: 'miyar-low-usage', state: 'OPEN', startedBy: 'signal:low_usage' });
    expect(runs[0]!.tasks.map((t) => [t.kind, t.state, t.assigneeId])).toEqual([
      ['system', 'AWAITING_APPROVAL', owner.userId],
      ['human', 'OPEN', owner.userId],
      ['human', 'OPEN', owner.userId],
    ]);
  });

  it('answers "what should I do about" with the open run’s next step and its buttons', async () => {
    const reply = await ask(`what should I do about ${account.name}?`, owner);
    expect(reply.headline).toBe(
      `${account.name}: next, Engagement reminder to the client champion (Low usage: engagement reminders and account review)`,
    );
    expect(reply.buttons!.map((b) => b.label)).toEqual(['Approve', 'Deny']);
    expect(reply.sections![0]!.lines).toHaveLength(3);
  });

  it('lists my tasks, and records Done once when pressed twice', async () => {
    const mine = await ask('my tasks', owner);
    expect(mine.headline).toBe('3 tasks open');
    const task = await db.prisma.playTask.findFirstOrThrow({ where: { run: { accountId: account.id }, stepIndex: 1 } });
    const first = await ask(`task done ${task.id}`, owner);
    const second = await ask(`task done ${task.id}`, owner);
    expect(first.headline).toMatch(/^Done: Account review/);
    expect(second.headline).toMatch(/^Already done: Account review/);
    expect(await db.prisma.playEvent.count({ where: { taskId: task.id, kind: 'done' } })).toBe(1);
    const due = await ask("what's due this week?", owner);
    expect(due.headline).toBe('1 task due in the next 7 days');
  });

  it('counts overdue tasks over all of them, not only the page shown', async () => {
    const later = new Date(testNow.getTime() + 60 * 86_400_000);
    const all = await openTasksOf(db.prisma, owner.userId!, later, { limit: 1 });
    expect(all.tasks).toHaveLength(1);
    expect(all.overdue).toBe(all.total);
    expect(all.total).toBeGreaterThan(1);
  });

  it('lets only the assignee, the run owner, managers and admins act on a task', async () => {
    const task = await db.prisma.playTask.findFirstOrThrow({ where: { run: { accountId: account.id }, stepIndex: 2 } });
    const reply = await ask(`task snooze ${task.id} 3`, stranger);
    expect(reply.headline).toBe("Only the task's assignee, the play's owner, managers and Tend admins can change it.");
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: task.id } })).dueAt).toEqual(task.dueAt);
  });

  it('sends a client message only after Approve, once; a failure is shown and retried by the person', async () => {
    const step = await db.prisma.playTask.findFirstOrThrow({ where: { run: { accountId: account.id }, stepIndex: 0 } });
    const offline = await ask(`task approve ${step.id}`, owner);
    expect(offline.headline).toMatch(/^Failed: Tend is not connected to a chat app or CRM here/);
    failNext = true;
    const failed = await ask(`task approve ${step.id}`, owner, effects);
    expect(failed.headline).toMatch(/^Failed: the champion has no chat identity/);
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: step.id } })).state).toBe('FAILED');
    const retried = await ask(`task approve ${step.id}`, owner, effects);
    const again = await ask(`task approve ${step.id}`, owner, effects);
    expect(retried.headline).toMatch(/^Sent \(Slack DM to the champion\)/);
    expect(again.headline).toMatch(/^Already sent/);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(new RegExp(`^Hi \\w+, we noticed your team has been using ${account.name} less`));
    const audit = await db.prisma.playEvent.findMany({ where: { taskId: step.id }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.kind)).toEqual(['approved', 'failed', 'approved', 'failed', 'approved', 'sent']);
  });

  it('offers Start play on an at-risk alert; pressing it opens the run, pressing again opens nothing more', async () => {
    const { id } = await openAlert(db.prisma, signal('at_risk'), policy, testNow).then(async () =>
      db.prisma.alert.findFirstOrThrow({ where: { accountId: account.id, kind: 'at_risk' } }),
    );
    const card = alertReply(await alertView(db.prisma, id));
    const start = card.buttons!.find((b) => b.label === 'Start play')!;
    expect(start.call).toEqual({
      intent: 'start_play',
      args: { play: 'mapleai-health-below-70', account: account.name },
    });
    const started = await ask(start.command, owner);
    expect(started.headline).toBe(`Started Health below 70: intervention for ${account.name}: 3 steps`);
    const twice = await ask(start.command, owner);
    expect(twice.headline).toBe(`Health below 70: intervention is already running for ${account.name}`);
    const after = alertReply(await alertView(db.prisma, id));
    expect(after.buttons!.map((b) => b.label)).toContain('Next steps');
  });

  it('suggests the play an open alert calls for, and says so when nothing does', async () => {
    const other = await db.prisma.account.findFirstOrThrow({
      where: { status: 'ACTIVE', id: { not: account.id }, alerts: { none: {} } },
      select: { id: true, name: true },
    });
    const quiet = await ask(`what should I do about ${other.name}?`, owner);
    expect(quiet.headline).toBe(`${other.name}: no open signal calls for a play`);
    await openAlert(db.prisma, { ...signal('at_risk'), accountId: other.id }, policy, testNow);
    const suggested = await ask(`what should I do about ${other.name}?`, owner);
    expect(suggested.headline).toBe(`${other.name}: run Health below 70: intervention`);
    expect(suggested.buttons![0]!.call).toEqual({
      intent: 'start_play',
      args: { play: 'mapleai-health-below-70', account: other.name },
    });
  });

  it('shows nothing of plays to a client contact or a guest', async () => {
    for (const actor of [
      { role: 'csm', external: true, place: 'shared_channel' },
      { role: 'viewer', external: false, place: 'shared_channel' },
    ] as Actor[]) {
      for (const q of [
        `what should I do about ${account.name}?`,
        'my tasks',
        `start play low-usage for ${account.name}`,
      ]) {
        const reply = await ask(q, actor);
        expect(reply.headline, q).not.toContain(account.name);
        expect(reply.sections ?? [], q).toEqual([]);
      }
    }
  });

  it('offers the feedback play on a detractor alert once the comment names one of its themes', async () => {
    const other = await db.prisma.account.findFirstOrThrow({
      where: { status: 'ACTIVE', id: { not: account.id }, ownerId: owner.userId! },
      select: { id: true },
    });
    const contact = await db.prisma.contact.create({
      data: { externalId: 'FEEDBACK-1', accountId: other.id, name: 'Pat Plain', role: 'user', slackUserId: 'UPAT' },
    });
    const sent = await createSurveyRequest(
      db.prisma,
      owner,
      { accountId: other.id, contactId: contact.id, surveyKey: 'nps' },
      { minDaysBetween: 30, expiryDays: 14 },
      testNow,
    );
    await answerSurvey(db.prisma, { requestId: sent.requestId, respondent: 'UPAT', score: 3 }, testNow);
    await alertOnSurveyAnswer(db.prisma, sent.requestId, policy, testNow);
    const alert = await db.prisma.alert.findFirstOrThrow({ where: { kind: `survey:${sent.requestId}` } });
    // No comment yet: no theme, so no play is named.
    expect((await alertView(db.prisma, alert.id)).play).toBeUndefined();
    await commentOnSurvey(
      db.prisma,
      { requestId: sent.requestId, respondent: 'UPAT', text: 'The new dashboard is confusing and slow.' },
      testNow,
    );
    expect(await alertOnSurveyAnswer(db.prisma, sent.requestId, policy, testNow)).toBe(alert.id);
    const view = await alertView(db.prisma, alert.id);
    expect(view.evidence?.themes).toEqual(['performance', 'usability']);
    expect(view.play).toEqual({
      id: 'bis-feedback-action',
      name: 'Feedback action: respond, act, measure',
      running: false,
    });
    // Offered, not started: the owner decides.
    expect(await db.prisma.playRun.count({ where: { accountId: other.id, playId: 'bis-feedback-action' } })).toBe(0);
    expect(alertReply(view).buttons!.map((b) => b.label)).toContain('Start play');
    expect((await suggestedPlaysFor(db.prisma, other.id)).map((p) => p.play.id)).toContain('bis-feedback-action');
  });
});
