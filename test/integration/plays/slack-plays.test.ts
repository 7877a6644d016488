import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../../src/app/start-tend.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { openAlert } from '../../../src/services/alerts/alert-store.js';
import { deliverAlerts } from '../../../src/services/alerts/deliver-alerts.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import {
  interactionBody,
  postSigned,
  slashCommandBody,
  startFakeSlack,
  type FakeSlack,
} from '../../support/fake-slack.js';
import { testAlertsConfig } from '../../support/tend-test-config.js';
import { testClock, testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const secret = 'test-signing-secret';
const team = 'T0TEND';
const users = [
  { id: 'UALEX', team_id: team, email: 'alex@tend.example' },
  { id: 'USAM', team_id: 'T0OTHER', email: 'sam@client.example' },
  // A client's CFO imported as a Tend user, and a Slack guest with a Tend role: no work goes to them.
  { id: 'UCFO', team_id: team, email: 'cfo@client.example' },
  { id: 'UGUESTCSM', team_id: team, email: 'guest.csm@tend.example', is_restricted: true },
  { id: 'UMORGAN', team_id: team, email: 'mgr.na@tend.example' },
];
const channels = [
  { id: 'DALEX', is_im: true, user: 'UALEX' },
  { id: 'CSHARED', is_ext_shared: true, members: ['UALEX', 'USAM', 'UTEND'] },
];
type Block = { type: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] };
const textOf = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? []) + String(body.text ?? '');
const buttons = (body: Record<string, unknown>) =>
  ((body.blocks ?? []) as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const labelled = (body: Record<string, unknown>, label: string) =>
  buttons(body).find((b) => JSON.stringify(b).includes(`"${label}"`))!;

// From alert to action through Tend's real Slack endpoints (signed requests) and the fake Slack.
describe('plays in Slack, over HTTP', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let tend: RunningTend;
  let url: string;
  let n = 0;
  let acme: { id: string; name: string };

  const ask = async (text: string, user = 'UALEX', channel = 'DALEX') => {
    const id = `r${++n}`;
    const mark = slack.calls.length;
    await postSigned(
      url,
      secret,
      slashCommandBody({
        command: '/tend',
        text,
        user_id: user,
        team_id: user === 'USAM' ? 'T0OTHER' : team,
        channel_id: channel,
        response_url: slack.responseUrl(id),
        trigger_id: `trigger-${id}`,
      }),
      { contentType: 'form' },
    );
    return (await slack.waitFor(mark, `response_url:${id}`))[0]!.body;
  };
  const press = async (button: { action_id?: string; value?: string }, user = 'UALEX', channel = 'DALEX') => {
    const id = `p${++n}`;
    const mark = slack.calls.length;
    await postSigned(
      url,
      secret,
      interactionBody({
        team: { id: team },
        type: 'block_actions',
        user: { id: user, team_id: team },
        channel: { id: channel },
        container: { type: 'message', channel_id: channel },
        response_url: slack.responseUrl(id),
        trigger_id: `t-${id}`,
        actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: '1' }],
      }),
      { contentType: 'form' },
    );
    return (await slack.waitFor(mark, `response_url:${id}`))[0]!.body;
  };

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 7, today: testNow, accounts: 20, historyWeeks: 1 });
    acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' }, select: { id: true, name: true } });
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    await db.prisma.account.update({ where: { id: acme.id }, data: { ownerId: alex.id } });
    await db.prisma.contact.create({
      data: {
        externalId: 'sam',
        accountId: acme.id,
        name: 'Sam Client',
        email: 'sam@client.example',
        role: 'champion',
        slackUserId: 'USAM',
        slackTeamId: 'T0OTHER',
      },
    });
    const globex = await db.prisma.account.findFirstOrThrow({ where: { name: { not: 'Acme Corp' } } });
    await db.prisma.user.createMany({
      data: [
        { email: 'cfo@client.example', name: 'Casey Cfo', role: 'CSM', slackUserId: 'UCFO' },
        { email: 'guest.csm@tend.example', name: 'Gale Guest', role: 'CSM', slackUserId: 'UGUESTCSM' },
      ],
    });
    await db.prisma.contact.create({
      data: {
        externalId: 'cfo',
        accountId: globex.id,
        name: 'Casey Cfo',
        email: 'cfo@client.example',
        role: 'sponsor',
      },
    });
    slack = await startFakeSlack({ teamId: team, users, channels });
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        DATABASE_POOL_MAX: '1',
        TEND_MIGRATE_ON_START: 'false',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_API_RETRIES: '0',
        TEND_JOBS_ENABLED: 'false',
      },
      { envFile: false },
    );
    tend = await startTend(config, createLogger({ level: 'silent' }), testClock);
    url = `http://127.0.0.1:${tend.address.port}/slack/events`;
    await ask('whoami'); // links UALEX to Alex by email
  }, 120_000);
  afterAll(async () => {
    await tend?.stop();
    await slack?.close();
    await db?.close();
  });

  const signal = (kind: string) => ({
    accountId: acme.id,
    candidate: {
      kind,
      severity: 'WARNING' as const,
      title: `Acme Corp: ${kind}`,
      evidence: { whatChanged: 'x', evidence: [], dataAsOf: null, suggestedAction: 'y', score: 55, band: 'At Risk' },
    },
  });

  it('delivers an at-risk alert with Start play; pressing it opens the run; "what should I do" gives the next step; Done twice counts once', async () => {
    await openAlert(db.prisma, signal('at_risk'), { config: testAlertsConfig, timeZone: 'UTC' }, testNow);
    const mark = slack.calls.length;
    await deliverAlerts(
      {
        prisma: db.prisma,
        notifiers: tend.notifiers,
        logger: createLogger({ level: 'silent' }),
        policy: { config: testAlertsConfig, timeZone: 'UTC' },
      },
      testNow,
    );
    const [alert] = slack.since(mark, 'chat.postMessage');
    expect(textOf(alert!.body)).toContain('Acme Corp: at_risk');
    const beforeStart = slack.calls.length;
    const started = await press(labelled(alert!.body, 'Start play'));
    expect(textOf(started)).toContain('Started Health below 70: intervention for Acme Corp: 3 steps');
    // The alert's message is drawn again: the play shows as running, the Start play button is gone.
    const redrawn = (await slack.waitFor(beforeStart, 'chat.update')).at(-1)!;
    expect(JSON.stringify(redrawn.body)).toContain('(running)');
    expect(JSON.stringify(redrawn.body)).not.toContain('"Start play"');
    expect(await db.prisma.playRun.count({ where: { accountId: acme.id, state: 'OPEN' } })).toBe(1);

    const next = await ask('what should I do about Acme?');
    expect(textOf(next)).toContain('Acme Corp: next, Immediate outreach to the client');
    const done = labelled(next, 'Done');
    expect(textOf(await press(done))).toContain('Done: Immediate outreach to the client');
    expect(textOf(await press(done))).toContain('Already done');
    expect(await db.prisma.playEvent.count({ where: { kind: 'done', run: { accountId: acme.id } } })).toBe(1);
  });

  it('sends a check-in to the client champion only after Approve, exactly once', async () => {
    await openAlert(db.prisma, signal('signal:low_usage'), { config: testAlertsConfig, timeZone: 'UTC' }, testNow);
    const before = slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && String(c.body.text).includes('we noticed'),
    ).length;
    expect(before).toBe(0);
    const mine = await ask('my tasks');
    expect(textOf(mine)).toContain('Engagement reminder to the client champion');
    const next = await ask('next steps for Acme');
    const approve = labelled(next, 'Approve');
    // "my tasks" and the account's next steps show the recipient and the filled text.
    expect(textOf(mine)).toMatch(/will send to Sam Client: \\?"Hi Sam, /);
    // Two clients' approvals must not look alike: the button names the account.
    expect(JSON.stringify(mine)).toMatch(/"Approve: [^"]*\(Acme Corp\)"/);
    expect(textOf(next)).toMatch(/will send to Sam Client: \\?"Hi Sam, /);
    expect(textOf(next)).not.toMatch(/\{champion\}|\{account\}/);
    expect(textOf(await press(approve))).toMatch(/Sent \(Slack message to Sam Client\)/);
    expect(textOf(await press(approve))).toContain('Already sent');
    const toSam = slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && String(c.body.text).includes('we noticed'),
    );
    expect(toSam).toHaveLength(1);
    // What the CSM approved is word for word what the client received.
    const shown = /will send to Sam Client: \\?"(.+?)\\?"/.exec(textOf(next))![1]!;
    expect(String(toSam[0]!.body.text)).toContain(shown);
    expect(String(toSam[0]!.body.channel)).toMatch(/USAM/);
  });

  it('lists the person’s open tasks on their App Home', async () => {
    const mark = slack.calls.length;
    await postSigned(
      url,
      secret,
      JSON.stringify({
        type: 'event_callback',
        team_id: team,
        event_id: 'Ev-home-tasks',
        event_time: 1,
        event: { type: 'app_home_opened', user: 'UALEX', channel: 'DALEX', tab: 'home' },
      }),
      { contentType: 'json' },
    );
    const [published] = await slack.waitFor(mark, 'views.publish');
    const blocks = JSON.stringify((published!.body.view as { blocks: unknown[] }).blocks);
    expect(blocks).toMatch(/Your open tasks \(\d+\)/);
    expect(blocks).toContain('Root cause analysis (Acme Corp, Health below 70: intervention)');
  });

  it('asks why in a modal when Skip is pressed, and skips the step once with that reason', async () => {
    const next = await ask('next steps for Acme');
    const skip = labelled(next, 'Skip');
    const mark = slack.calls.length;
    const interact = (payload: Record<string, unknown>) =>
      postSigned(
        url,
        secret,
        interactionBody({ team: { id: team }, user: { id: 'UALEX', team_id: team }, ...payload }),
        {
          contentType: 'form',
        },
      );
    await interact({
      type: 'block_actions',
      channel: { id: 'DALEX' },
      container: { type: 'message', channel_id: 'DALEX' },
      trigger_id: 'trigger-skip',
      actions: [{ type: 'button', action_id: skip.action_id, block_id: 'b1', value: skip.value, action_ts: '1' }],
    });
    const [opened] = await slack.waitFor(mark, 'views.open');
    const view = opened!.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe('tend_skip_reason');
    expect(JSON.stringify(view.blocks)).toContain('(Acme Corp)');
    const { accountId: taskId } = JSON.parse(view.private_metadata) as { accountId: string };
    // An empty reason is refused beside the field, in words, and loses nothing.
    const empty = await interact({
      type: 'view_submission',
      view: {
        id: 'V-skip-0',
        callback_id: 'tend_skip_reason',
        private_metadata: view.private_metadata,
        state: { values: { reason: { text: { type: 'plain_text_input', value: '   ' } } } },
      },
    });
    expect(JSON.parse(empty.text)).toEqual({
      response_action: 'errors',
      errors: { reason: 'Please say why you skip this step' },
    });
    const submit = () =>
      interact({
        type: 'view_submission',
        view: {
          id: 'V-skip-1',
          callback_id: 'tend_skip_reason',
          private_metadata: view.private_metadata,
          state: { values: { reason: { text: { type: 'plain_text_input', value: 'covered in the QBR' } } } },
        },
      });
    expect((await submit()).status).toBe(200);
    expect((await submit()).status).toBe(200);
    const task = await db.prisma.playTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ state: 'SKIPPED', skipReason: 'covered in the QBR' });
    expect(await db.prisma.playEvent.count({ where: { taskId, kind: 'skip' } })).toBe(1);
  });

  it('never moves a due date earlier when Snooze 3 days is pressed on a task due later', async () => {
    const next = await ask('next steps for Acme');
    const snooze = labelled(next, 'Snooze 3 days');
    const { call } = JSON.parse(snooze.value!) as { call: { args: { taskId: string } } };
    const dueLater = new Date(testNow.getTime() + 5 * 86_400_000);
    await db.prisma.playTask.update({ where: { id: call.args.taskId }, data: { dueAt: dueLater } });
    // Due in 5 days, snoozed 3: due in 8 (not in 3, which would be earlier than before).
    const expected = new Date(dueLater.getTime() + 3 * 86_400_000);
    expect(textOf(await press(snooze))).toContain(`Snoozed 3 days: now due ${expected.toISOString().slice(0, 10)}`);
    const task = await db.prisma.playTask.findUniqueOrThrow({ where: { id: call.args.taskId } });
    expect(task.dueAt.toISOString()).toBe(expected.toISOString());
  });

  it('shows a client contact in the shared channel nothing of plays', async () => {
    for (const q of ['what should I do about Acme?', 'my tasks', 'start play low-usage for Acme']) {
      const reply = await ask(q, 'USAM', 'CSHARED');
      const text = textOf(reply);
      expect(text, q).not.toContain('Engagement reminder');
      expect(text, q).not.toContain('Immediate outreach');
      expect(text, q).not.toContain('Started');
    }
  });

  it('refuses to reassign a task to a client contact or a Slack guest with a Tend role, saying why', async () => {
    const task = await db.prisma.playTask.findFirstOrThrow({
      where: { run: { accountId: acme.id }, kind: 'human', state: 'OPEN' },
      orderBy: { stepIndex: 'asc' },
    });
    const to = async (who: string) => textOf(await ask(`task reassign ${task.id} to ${who}`));
    expect(await to('cfo@client.example')).toContain(
      `Not reassigned: ${task.title} (Acme Corp). Casey Cfo is a client contact; Tend gives tasks and reminders only to the account team.`,
    );
    expect(await to('Gale Guest')).toContain(
      'Gale Guest is a guest or from outside the organisation in chat; Tend gives tasks and reminders only to the account team.',
    );
    const unchanged = await db.prisma.playTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(unchanged.assigneeId).toBe(task.assigneeId);
    expect(await db.prisma.playEvent.count({ where: { taskId: task.id, kind: 'reassign' } })).toBe(0);
    // Someone on the account team takes it.
    expect(await to('mgr.na@tend.example')).toContain(`Reassigned: ${task.title} (Acme Corp)`);
    const morgan = await db.prisma.user.findUniqueOrThrow({ where: { email: 'mgr.na@tend.example' } });
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(morgan.id);
  });
});
