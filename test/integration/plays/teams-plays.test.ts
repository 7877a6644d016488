import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../../src/app/start-tend.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { alertView, openAlert } from '../../../src/services/alerts/alert-store.js';
import { alertReply } from '../../../src/replies/alert-reply.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { escalateOverdueTasks } from '../../../src/services/plays/escalate-overdue-tasks.js';
import { remindDueTasks } from '../../../src/services/plays/remind-due-tasks.js';
import { sendDailyDigests } from '../../../src/services/attention/send-digest.js';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.js';
import { testAlertsConfig } from '../../support/tend-test-config.js';
import { testClock, testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const tenant = 'tenant-1';

// The same loop in Teams: through the Bot Framework adapter over HTTP, replies captured by a fake
// connector at the activity's serviceUrl.
describe('plays in Teams, over HTTP', () => {
  let db: TestDatabase;
  let connector: FakeConnector;
  let tend: RunningTend;
  let url: string;
  let n = 0;
  let acme: { id: string; name: string };

  const activity = (over: Record<string, unknown>) => ({
    type: 'message',
    id: `act-${++n}`,
    timestamp: testNow.toISOString(),
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    from: { id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex' },
    recipient: { id: '28:tend', name: 'Tend' },
    conversation: { id: 'a:personal-alex', conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    ...over,
  });
  const ask = async (text: string, over: Record<string, unknown> = {}) => {
    const mark = connector.calls.length;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity({ text, ...over })),
    });
    expect(res.status).toBeLessThan(300);
    return JSON.stringify((await connector.waitFor(mark)).at(-1)!.body);
  };
  const press = (call: unknown, command: string) => ask('', { value: { tend: { command, call } } });

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 7, today: testNow, accounts: 20, historyWeeks: 1 });
    acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' }, select: { id: true, name: true } });
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    await db.prisma.account.update({ where: { id: acme.id }, data: { ownerId: alex.id } });
    const lea = await db.prisma.user.create({ data: { email: 'lea@tend.example', name: 'Lea Lead', role: 'MANAGER' } });
    await db.prisma.user.update({ where: { id: alex.id }, data: { managerId: lea.id } });
    await db.prisma.contact.create({
      data: {
        externalId: 'sam-teams',
        accountId: acme.id,
        name: 'Sam Client',
        email: 'sam@client.example',
        role: 'champion',
        teamsAadObjectId: 'aad-sam',
        teamsTenantId: tenant,
      },
    });
    connector = await startFakeConnector(
      {
        '29:alex': {
          id: '29:alex',
          aadObjectId: 'aad-alex',
          email: 'alex@tend.example',
          userPrincipalName: 'alex@tend.example',
          tenantId: tenant,
          userRole: 'user',
        },
        '29:lea': {
          id: '29:lea',
          aadObjectId: 'aad-lea',
          email: 'lea@tend.example',
          userPrincipalName: 'lea@tend.example',
          tenantId: tenant,
          userRole: 'user',
        },
        '29:guest': {
          id: '29:guest',
          aadObjectId: 'aad-guest',
          email: 'guest@client.example',
          tenantId: tenant,
          userRole: 'guest',
        },
      },
      // The client's champion has Tend installed in their Teams: a 1:1 chat can be opened with them.
      new Set(['aad-sam']),
      { '19:partners@thread.tacv2': ['29:alex', '29:guest'] },
    );
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        DATABASE_POOL_MAX: '1',
        TEND_MIGRATE_ON_START: 'false',
        TEND_JOBS_ENABLED: 'false',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        TEAMS_TENANT_ID: tenant,
      },
      { envFile: false },
    );
    tend = await startTend(config, createLogger({ level: 'silent' }), testClock);
    url = `http://127.0.0.1:${tend.address.port}/api/messages`;
  }, 120_000);
  afterAll(async () => {
    await tend?.stop();
    await connector?.close();
    await db?.close();
  });

  it('starts a play from an alert’s button, answers the next step, and records Done once', async () => {
    await openAlert(
      db.prisma,
      {
        accountId: acme.id,
        candidate: {
          kind: 'at_risk',
          severity: 'WARNING',
          title: 'Acme Corp turned At Risk',
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
    const alert = await db.prisma.alert.findFirstOrThrow({ where: { accountId: acme.id, kind: 'at_risk' } });
    const start = alertReply(await alertView(db.prisma, alert.id)).buttons!.find((b) => b.label === 'Start play')!;
    expect(await press(start.call, start.command)).toContain('Started Health below 70: intervention for Acme Corp');
    const next = await ask('what should I do about Acme?');
    expect(next).toContain('Acme Corp: next, Immediate outreach to the client');
    const task = await db.prisma.playTask.findFirstOrThrow({
      where: { run: { alertId: null, accountId: acme.id, state: 'OPEN' }, stepIndex: 0 },
    });
    const done = { intent: 'task', args: { taskId: task.id, action: 'done' } };
    expect(await press(done, `task done ${task.id}`)).toContain('Done: Immediate outreach to the client');
    expect(await press(done, `task done ${task.id}`)).toContain('Already done');
    expect(await db.prisma.playEvent.count({ where: { taskId: task.id, kind: 'done' } })).toBe(1);
    expect(await ask('my tasks')).toContain('Root cause analysis');
  });

  it('shows a guest in a shared channel nothing of plays', async () => {
    const guest = {
      from: { id: '29:guest', aadObjectId: 'aad-guest', name: 'Guest' },
      conversation: { id: '19:partners@thread.tacv2', conversationType: 'channel', tenantId: tenant },
    };
    for (const q of ['what should I do about Acme?', 'my tasks']) {
      const reply = await ask(q, guest);
      expect(reply, q).not.toContain('Immediate outreach');
      expect(reply, q).not.toContain('Root cause analysis');
    }
  });

  it('asks why in a dialog when Skip is pressed, and skips the step with that reason', async () => {
    const task = await db.prisma.playTask.findFirstOrThrow({
      where: { run: { accountId: acme.id, state: 'OPEN' }, state: 'OPEN', kind: 'human' },
      orderBy: { stepIndex: 'asc' },
    });
    const card = JSON.parse(await ask('what should I do about Acme?')) as {
      attachments: { content: { actions?: unknown[] } }[];
    };
    const actions = card.attachments.flatMap((a) => (a.content.actions ?? []) as { title: string; data: unknown }[]);
    const skip = actions.find((a) => a.title === 'Skip' && JSON.stringify(a.data).includes(task.id))!;
    expect(skip.data).toMatchObject({ msteams: { type: 'task/fetch' }, verb: 'tend_form' });
    const invoke = async (name: string, data: unknown) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity({ type: 'invoke', name, text: undefined, value: { data } })),
      });
      return (await res.json().catch(() => ({}))) as {
        task?: { value: { title: string; card: { content: Record<string, unknown> } } };
      };
    };
    const fetched = await invoke('task/fetch', skip.data);
    expect(fetched.task!.value.title).toBe('Skip a step');
    const dialog = fetched.task!.value.card.content;
    expect(JSON.stringify(dialog)).toContain(`Skip: ${task.title} (Acme Corp)`);
    const save = (dialog.actions as { data: Record<string, unknown> }[])[0]!.data;
    const mark = connector.calls.length;
    await invoke('task/submit', { ...save, reason: 'the client asked to wait' });
    const [confirmation] = await connector.waitFor(mark);
    expect(JSON.stringify(confirmation!.body)).toContain(`Skipped (the client asked to wait): ${task.title}`);
    expect(await db.prisma.playTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      state: 'SKIPPED',
      skipReason: 'the client asked to wait',
    });
  });

  it('sends a check-in to the champion in their Teams chat only after Approve, exactly once', async () => {
    await openAlert(
      db.prisma,
      {
        accountId: acme.id,
        candidate: {
          kind: 'signal:low_usage',
          severity: 'WARNING',
          title: 'Acme Corp: low usage',
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
    const step = await db.prisma.playTask.findFirstOrThrow({
      where: { run: { accountId: acme.id, playId: 'miyar-low-usage', state: 'OPEN' }, action: 'check_in_champion' },
    });
    expect(step.state).toBe('AWAITING_APPROVAL');
    const toSam = () =>
      connector.calls.filter((c) => c.conversationId === 'a:created-aad-sam' && c.body.type === 'message');
    expect(toSam()).toHaveLength(0);
    const approve = { intent: 'task', args: { taskId: step.id, action: 'approve' } };
    expect(await press(approve, `task approve ${step.id}`)).toContain('Sent (Teams message to Sam Client)');
    expect(await press(approve, `task approve ${step.id}`)).toContain('Already sent');
    expect(toSam()).toHaveLength(1);
    expect(JSON.stringify(toSam()[0]!.body)).toContain('Acme Corp');
  });

  it('reminds the assignee once in their Teams chat as tasks fall due, and tells their manager in one digest when overdue', async () => {
    // Lea has talked to Tend once, so Tend knows her 1:1 chat.
    await ask('hi', {
      from: { id: '29:lea', aadObjectId: 'aad-lea', name: 'Lea' },
      conversation: { id: 'a:personal-lea', conversationType: 'personal', tenantId: tenant },
    });
    const at = new Date(testNow.getTime() + 20 * 86_400_000);
    // Alex's own steps, and the manager's review step that falls to Lea.
    const dueFor = async (email: string) =>
      db.prisma.playTask.count({
        where: {
          assignee: { email },
          state: { in: ['OPEN', 'AWAITING_APPROVAL'] },
          remindedAt: null,
          dueAt: { lte: at },
          run: { state: 'OPEN' },
        },
      });
    const [alexDue, leaDue] = [await dueFor('alex@tend.example'), await dueFor('lea@tend.example')];
    expect(alexDue).toBeGreaterThan(0);
    expect(leaDue).toBeGreaterThan(0);
    const toChat = (id: string, mark: number) =>
      connector.calls.slice(mark).filter((c) => c.conversationId === id && c.body.type === 'message');
    const mark = connector.calls.length;
    const attention = { weeklyBudget: 8, timeZone: 'UTC' };
    const passes = await Promise.all([1, 2, 3].map(() => remindDueTasks(db.prisma, tend.notifiers, attention, at)));
    // A few due at once go one by one; more is a backlog and comes as one summary.
    const expected = (due: number) => (due > 3 ? 1 : due);
    expect(passes.reduce((sum, p) => sum + p.reminded + p.summaries, 0)).toBe(expected(alexDue) + expected(leaDue));
    expect(toChat('a:personal-alex', mark)).toHaveLength(expected(alexDue));
    expect(toChat('a:personal-lea', mark)).toHaveLength(expected(leaDue));
    const again = await remindDueTasks(db.prisma, tend.notifiers, attention, at);
    expect(again.reminded + again.summaries).toBe(0);
    expect(JSON.stringify(toChat('a:personal-alex', mark))).toMatch(/\(Acme Corp\)/);

    const before = connector.calls.length;
    const { escalated } = await escalateOverdueTasks(db.prisma, 24, at);
    expect(escalated).toBeGreaterThan(0);
    expect(toChat('a:personal-lea', before)).toHaveLength(0);
    const nextMorning = new Date(at.getTime() + 86_400_000);
    await sendDailyDigests({ prisma: db.prisma, notifiers: tend.notifiers, policy: attention }, nextMorning);
    // Lea's own steps may come in her own digest; her team's escalations come in one message.
    const notices = toChat('a:personal-lea', before).filter((c) =>
      /Your team's overdue work/.test(JSON.stringify(c.body)),
    );
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.body)).toMatch(/Your team's overdue work: \d+ tasks? \(\d+ newly escalated\)/);
    expect(JSON.stringify(notices[0]!.body)).toMatch(/Acme Corp: /);
    expect(JSON.stringify(toChat('a:personal-alex', before))).toMatch(/Escalated to Lea/);
  });
});
