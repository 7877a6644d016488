import JSZip from 'jszip';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { replyMarkdown } from '../../src/replies/reply-markdown.js';
import { worstMover } from '../../src/services/portfolio/worst-mover.js';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { openAlert } from '../../src/services/alerts/alert-store.js';
import { deliverAlerts } from '../../src/services/alerts/deliver-alerts.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { recomputeHealth } from '../../src/services/scoring/recompute-health.js';
import { notifiersFor } from '../../src/cli/cli-notifiers.js';
import { deliverSurvey } from '../../src/services/surveys/deliver-survey.js';
import { createSurveyRequest } from '../../src/services/surveys/survey-requests.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { testAlertsConfig } from '../support/tend-test-config.js';
import { testClock, testNow } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, ctx: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

/** Every card Tend sends must parse and validate with the Adaptive Cards SDK. */
function cardsOf(body: Record<string, unknown>) {
  const attachments = (body.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}
function expectValidCard(card: Record<string, unknown>) {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const problems = [...Array(ctx.eventCount).keys()].map((i) => ctx.getEventAt(i).message);
  expect(problems).toEqual([]);
  expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
  // Teams refuses messages over about 28 KB; every card keeps a margin below it.
  expect(JSON.stringify(card).length).toBeLessThan(26_000);
}
const textOf = (body: Record<string, unknown>) => JSON.stringify(body);
/** The commands a card's button rows (action sets) run. */
const cardCommands = (card: Record<string, unknown>) =>
  (card.body as { type: string; actions?: { data: { tend: { command: string } } }[] }[])
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions ?? [])
    .map((a) => a.data.tend.command);

const tenant = 'tenant-1';
const examples = [
  ["how's Acme doing?", /Acme Corp: [\d.]+\/100/],
  ['why did Globex drop?', /Why Globex Industries is at/],
  ['which renewals are at risk this quarter?', /renewal\(s\) in Q3 2026 are at risk/],
  ['show me at-risk enterprise accounts in EMEA', /enterprise EMEA account|No enterprise EMEA accounts at risk/],
  ['which of my accounts renew in the next 60 days?', /renewal\(s\) in the next 60 days/],
  ['portfolio', /active accounts, \d+ at risk/],
] as const;

describe('Teams bot over HTTP (Bot Framework adapter, fake connector)', () => {
  let db: TestDatabase;
  let connector: FakeConnector;
  let tend: RunningTend;
  let url: string;
  let n = 0;

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
  const send = async (body: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.status;
  };
  const ask = async (text: string, over: Record<string, unknown> = {}) => {
    const mark = connector.calls.length;
    expect(await send(activity({ text, ...over }))).toBeLessThan(300);
    return (await connector.waitFor(mark)).at(-1)!;
  };

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 7, today: testNow, accounts: 25, historyWeeks: 2 });
    const client = await db.prisma.account.findFirstOrThrow({ where: { name: { not: 'Acme Corp' } } });
    await db.prisma.user.createMany({
      data: [
        { email: 'cfo@client.example', name: 'Casey Cfo', role: 'MANAGER', teamsAadObjectId: 'aad-cfo' },
        { email: 'guest.csm@tend.example', name: 'Gale Guest', role: 'CSM', teamsAadObjectId: 'aad-guestcsm' },
      ],
    });
    await db.prisma.contact.create({
      data: { externalId: 'TEAMS-CLIENT-USER', accountId: client.id, name: 'Casey Cfo', email: 'cfo@client.example' },
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
        '29:morgan': {
          id: '29:morgan',
          aadObjectId: 'aad-morgan',
          email: 'mgr.na@tend.example',
          userPrincipalName: 'mgr.na@tend.example',
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
        // Tend users who are outside all the same (issue #38): a client's CFO imported as a user (a
        // member of this tenant), and a guest with a Tend role.
        '29:cfo': {
          id: '29:cfo',
          aadObjectId: 'aad-cfo',
          email: 'cfo@client.example',
          userPrincipalName: 'cfo@client.example',
          tenantId: tenant,
          userRole: 'user',
        },
        '29:guestcsm': {
          id: '29:guestcsm',
          aadObjectId: 'aad-guestcsm',
          email: 'guest.csm@tend.example',
          tenantId: tenant,
          userRole: 'guest',
        },
        // A member lookup that fails (connector outage), and a client contact with a tenant account.
        '29:flaky': { fail: 500 },
        '29:kim': {
          id: '29:kim',
          aadObjectId: 'aad-kim',
          email: 'Kim.Teams@client.example',
          userPrincipalName: 'kim.teams@client.example',
          tenantId: tenant,
          userRole: 'user',
        },
      },
      new Set(['aad-quinn']),
      {
        '19:group@thread.v2': ['29:alex', '29:morgan'],
        '19:channel@thread.tacv2': ['29:alex', '29:morgan'],
        '19:group-progress@thread.v2': ['29:alex'],
        '19:alerts@thread.tacv2': ['29:alex'],
        // The same team with someone outside it in the room, and a roster Teams will not give.
        '19:group-guest@thread.v2': ['29:alex', '29:morgan', '29:guest'],
        '19:group-client@thread.v2': ['29:alex', '29:kim'],
        '19:group-outage@thread.v2': { fail: 500 },
        '19:partners@thread.tacv2': ['29:alex', '29:guest'],
      },
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
  });
  afterAll(async () => {
    await tend?.stop();
    await connector?.close();
    await db?.close();
  });

  it('offers a QBR deck in personal chat, uploads it once allowed, and gives it to nobody else', async () => {
    const mark = connector.calls.length;
    expect(
      await send(
        activity({
          text: 'qbr acme deck',
          conversation: { id: 'a:personal-alex', conversationType: 'personal', tenantId: tenant },
        }),
      ),
    ).toBeLessThan(300);
    const consentOf = (c: { body: Record<string, unknown> }) =>
      (
        c.body.attachments as { contentType: string; name: string; content: Record<string, unknown> }[] | undefined
      )?.find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    const deadline = Date.now() + 15_000;
    while (!connector.calls.slice(mark).some(consentOf) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const consents = connector.calls.slice(mark).filter(consentOf);
    expect(consents).toHaveLength(1);
    const consent = consentOf(consents[0]!)!;
    expect(consent.name).toBe('acme-corp-2026q2-qbr.pptx');
    expect(String(consent.content.description)).toMatch(/^Acme Corp, 2026Q2: health [\d.]+ \(/);
    const acceptContext = consent.content.acceptContext;

    const invoke = (from: Record<string, unknown>, file: string) =>
      activity({
        type: 'invoke',
        name: 'fileConsent/invoke',
        text: undefined,
        from,
        value: {
          type: 'fileUpload',
          action: 'accept',
          context: acceptContext,
          uploadInfo: {
            name: 'acme-corp-2026q2-qbr.pptx',
            uploadUrl: `${connector.serviceUrl}upload/${file}`,
            contentUrl: `https://contoso-my.sharepoint.com/personal/alex/Documents/Applications/Tend/${file}`,
            uniqueId: `unique-${file}`,
            fileType: 'pptx',
          },
        },
      });
    // Someone else presenting Alex's consent gets nothing uploaded.
    const mark2 = connector.calls.length;
    await send(invoke({ id: '29:morgan', aadObjectId: 'aad-morgan', name: 'Morgan' }, 'stolen.pptx'));
    const [refused] = await connector.waitFor(mark2);
    expect(textOf(refused!.body)).toContain('no longer available to you');
    expect(connector.uploads.has('stolen.pptx')).toBe(false);

    const mark3 = connector.calls.length;
    expect(await send(invoke({ id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex' }, 'alex.pptx'))).toBeLessThan(300);
    const [card] = await connector.waitFor(mark3);
    const upload = connector.uploads.get('alex.pptx')!;
    expect(upload.contentRange).toBe(`bytes 0-${upload.bytes.length - 1}/${upload.bytes.length}`);
    const zip = await JSZip.loadAsync(upload.bytes);
    expect(Object.keys(zip.files).some((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))).toBe(true);
    const info = (card!.body.attachments as { contentType: string; content: { uniqueId: string } }[])[0]!;
    expect(info.contentType).toBe('application/vnd.microsoft.teams.card.file.info');
    expect(info.content.uniqueId).toBe('unique-alex.pptx');

    // A guest asking in their own chat is refused, with no file offered.
    const mark4 = connector.calls.length;
    await send(
      activity({
        text: 'qbr acme deck',
        from: { id: '29:guest', aadObjectId: 'aad-guest', name: 'Guest' },
        conversation: { id: 'a:personal-guest', conversationType: 'personal', tenantId: tenant },
      }),
    );
    await connector.waitFor(mark4);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls.slice(mark4).filter(consentOf)).toEqual([]);
  });

  it('gives the internal QBR prep brief when asked in personal chat, and nothing to a guest', async () => {
    const answerIn = async (id: string, from?: Record<string, unknown>) => {
      const conversation = { id, conversationType: 'personal', tenantId: tenant };
      expect(
        await send(activity({ text: 'prep me for the Acme QBR', conversation, ...(from ? { from } : {}) })),
      ).toBeLessThan(300);
      // A slow intent says "Working on it" first: wait for the answer itself.
      const deadline = Date.now() + 20_000;
      const answered = () =>
        connector.calls.filter((c) => c.conversationId === id && !/Working on it/.test(textOf(c.body)));
      while (!answered().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return textOf(answered().at(-1)!.body);
    };
    const brief = await answerIn('a:personal-alex-brief');
    expect(brief).toMatch(/QBR prep: Acme Corp, \d{4}Q[1-4]/);
    expect(brief).toContain('Internal: for the account team, not the client.');
    for (const section of ['Talking points', 'Risks as Tend sees them', 'Plays', 'Sources'])
      expect(brief).toContain(section);
    const refused = await answerIn('a:personal-guest-brief', {
      id: '29:guest',
      aadObjectId: 'aad-guest',
      name: 'Guest',
    });
    expect(refused).not.toMatch(/QBR prep|Talking points/);
  });

  it('answers every example question in personal chat with valid Adaptive Cards, and links the user', async () => {
    // Each question in a chat of its own, all at once: Teams paces streamed answers at about one
    // update a second, and every 1:1 answer streams.
    await Promise.all(
      examples.map(async ([question, expected], i) => {
        const id = i === 0 ? 'a:personal-alex' : `a:personal-alex-${i}`;
        const conversation = { id, conversationType: 'personal', tenantId: tenant };
        expect(await send(activity({ text: question, conversation }))).toBeLessThan(300);
        const reply = connector.calls.filter((c) => c.conversationId === id).at(-1)!;
        expect(textOf(reply.body)).toMatch(expected);
        // One rendering: the streamed text is the answer; a card carries only its chart and buttons.
        const cards = cardsOf(reply.body);
        expect(cards.length).toBeLessThanOrEqual(1);
        for (const card of cards) {
          expectValidCard(card);
          expect(JSON.stringify(card.body)).not.toContain(String(reply.body.text).split('\n')[0]!.slice(0, 30));
        }
        expect(JSON.stringify(reply.body).length).toBeLessThan(26_000);
      }),
    );
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    expect(alex.teamsAadObjectId).toBe('aad-alex');
    const stored = await db.prisma.conversationReference.findUniqueOrThrow({
      where: { channel_key: { channel: 'TEAMS', key: 'a:personal-alex' } },
    });
    expect(stored.userId).toBe(alex.id);
  });

  it('answers @mentions in a group chat and a channel', async () => {
    const mention = { type: 'mention', mentioned: { id: '28:tend', name: 'Tend' }, text: '<at>Tend</at>' };
    for (const conversation of [
      { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: tenant },
      { id: '19:channel@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: tenant },
    ]) {
      for (const [question, expected] of examples) {
        const reply = await ask(`<at>Tend</at> ${question}`, { conversation, entities: [mention] });
        expect(reply.conversationId).toBe(conversation.id);
        expect(textOf(reply.body)).toMatch(expected);
        expectValidCard(cardsOf(reply.body)[0]!);
      }
    }
  });

  it('runs card buttons, and logs a note through a dialog (task module)', async () => {
    const why = await ask('', { value: { tend: { command: 'why Acme Corp' } } });
    expect(textOf(why.body)).toMatch(/Why Acme Corp is at/);

    // The health card's "Log a note" button opens a dialog through task/fetch.
    const health = await ask('how is Acme doing?');
    const actions = (cardsOf(health.body)[0]!.actions ?? []) as { title: string; data: Record<string, unknown> }[];
    const note = actions.find((a) => a.title === 'Log a note')!;
    expect(note.data).toMatchObject({ msteams: { type: 'task/fetch' }, verb: 'tend_form' });
    const invoke = async (name: string, data: unknown) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity({ type: 'invoke', name, text: undefined, value: { data } })),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const fetched = await invoke('task/fetch', note.data);
    expect(fetched.status).toBe(200);
    const task = fetched.body.task as {
      type: string;
      value: { title: string; card: { content: Record<string, unknown> } };
    };
    expect(task.type).toBe('continue');
    expect(task.value.title).toBe('Log a note');
    const dialog = task.value.card.content;
    expectValidCard(dialog);
    const save = (dialog.actions as { data: Record<string, unknown> }[])[0]!.data;
    const mark = connector.calls.length;
    const submitted = await invoke('task/submit', { ...save, text: 'Teams call: renewal looks safe' });
    expect(submitted.status).toBe(200);
    const [confirmation] = await connector.waitFor(mark);
    expect(textOf(confirmation!.body)).toContain('Note logged on Acme Corp.');
    const acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    expect(
      await db.prisma.activity.count({
        where: { accountId: acme.id, kind: 'note', title: 'Teams call: renewal looks safe' },
      }),
    ).toBe(1);
  });

  it('shows progress for slow requests in a group chat and replaces it with the answer', async () => {
    const mark = connector.calls.length;
    const group = { id: '19:group-progress@thread.v2', conversationType: 'groupChat', tenantId: tenant };
    const mention = { type: 'mention', mentioned: { id: '28:tend', name: 'Tend' }, text: '<at>Tend</at>' };
    expect(
      await send(activity({ text: '<at>Tend</at> portfolio all', conversation: group, entities: [mention] })),
    ).toBeLessThan(300);
    const deadline = Date.now() + 10_000;
    while (!connector.calls.slice(mark).some((c) => c.method === 'PUT') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    // The roster read (who is in the chat) is not a message.
    const calls = connector.calls.slice(mark).filter((c) => c.method !== 'GET');
    expect(calls[0]!.body.type).toBe('typing');
    expect(calls[1]!.body.text).toBe('Working on it…');
    const updated = calls.find((c) => c.method === 'PUT')!;
    expect(updated.activityId).toBe(calls[1]!.activityId);
    expect(textOf(updated.body)).toMatch(/active accounts, \d+ at risk/);
  });

  it('streams slow answers in a 1:1 chat: a status, the answer part by part, then its card', async () => {
    const mark = connector.calls.length;
    expect(await send(activity({ text: 'portfolio all' }))).toBeLessThan(300);
    const [final] = await connector.waitFor(mark, 1, 30_000);
    // Teams reads the stream's type and sequence from channelData (and a streaminfo entity).
    const streamOf = (c: { body: Record<string, unknown> }) =>
      c.body.channelData as { streamType?: string; streamSequence?: number } | undefined;
    const streamed = connector.calls.slice(mark).filter((c) => streamOf(c)?.streamType);
    expect(streamOf(streamed[0]!)?.streamType).toBe('informative');
    expect(String(streamed[0]!.body.text)).toMatch(/^Tend is scoring \d+ accounts…$/);
    expect(streamed.some((c) => streamOf(c)?.streamType === 'streaming')).toBe(true);
    expect(streamOf(final!)?.streamType).toBe('final');
    // The final text is the same answer, word for word; the card follows it.
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const direct = await handleMessage(
      { prisma: db.prisma, now: testClock.now },
      {
        text: 'portfolio all',
        channel: 'teams',
        actor: { userId: alex.id, role: 'csm', external: false, place: 'dm' },
      },
    );
    expect(final!.body.text).toBe(replyMarkdown(direct));
    for (const card of cardsOf(final!.body)) expectValidCard(card);
    // And a follow-up in the same chat reads against it; the health card carries its trend chart.
    const follow = await ask('how is Acme doing?');
    expect(textOf(follow.body)).toMatch(/Acme Corp: [\d.]+\/100/);
    const card = cardsOf(follow.body)[0]!;
    const image = (card.body as { type: string; url?: string; altText?: string }[]).find((e) => e.type === 'Image')!;
    expect(image.url).toMatch(/^data:image\/jpeg;base64,/);
    expect(image.altText).toMatch(/^Acme Corp's health score went from [\d.]+ on \d{4}-\d{2}-\d{2} to [\d.]+/);
    expect(JSON.stringify(follow.body).length).toBeLessThan(26_000);
    const why = await ask('and why?');
    expect(textOf(why.body)).toMatch(/Why Acme Corp is at/);
  });

  it('greets a CSM once when installed in their 1:1 chat, with up to three prompts from their book', async () => {
    const personal = { id: 'a:personal-alex', conversationType: 'personal', tenantId: tenant };
    let mark = connector.calls.length;
    // Teams sends both events on a personal install; only the installation greets.
    await send(
      activity({
        type: 'conversationUpdate',
        text: undefined,
        conversation: personal,
        membersAdded: [{ id: '28:tend' }],
      }),
    );
    expect(connector.calls.length).toBe(mark);
    expect(
      await send(activity({ type: 'installationUpdate', action: 'add', text: undefined, conversation: personal })),
    ).toBeLessThan(300);
    const [greeting] = await connector.waitFor(mark);
    expect(textOf(greeting!.body)).toContain('Hi, I am Tend');
    const suggested = greeting!.body.suggestedActions as {
      to: string[];
      actions: { type: string; title: string; value: string }[];
    };
    expect(suggested.to).toEqual(['29:alex']);
    expect(suggested.actions.length).toBeGreaterThan(0);
    expect(suggested.actions.length).toBeLessThanOrEqual(3);
    expect(suggested.actions.every((a) => a.type === 'imBack' && a.value.length > 0)).toBe(true);
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const mover = await worstMover(db.prisma, alex.id, testNow);
    expect(suggested.actions[0]!.value).toBe(
      mover ? `why did ${mover.name} drop?` : 'which of my accounts renew in the next 60 days?',
    );
    // Pressing a suggested action sends its words as Alex's message.
    const answer = await ask(suggested.actions[0]!.value);
    expect(textOf(answer.body)).toMatch(mover ? `Why ${mover.name} is at` : /renewal\(s\) in the next 60 days/);
    // A guest who installs Tend is not greeted.
    mark = connector.calls.length;
    await send(
      activity({
        type: 'installationUpdate',
        action: 'add',
        text: undefined,
        from: { id: '29:guest', aadObjectId: 'aad-guest', name: 'Guest' },
        conversation: { id: 'a:personal-guest', conversationType: 'personal', tenantId: tenant },
      }),
    );
    expect(connector.calls.length).toBe(mark);
  });

  it('records thumbs up or down on an answer with the intent that wrote it and what the person said', async () => {
    const mark = connector.calls.length;
    const final = await ask('how is Acme doing?');
    const streamOf = (c: { body: Record<string, unknown> }) =>
      c.body.channelData as { streamType?: string; feedbackLoop?: unknown; feedbackLoopEnabled?: boolean } | undefined;
    // A quick answer streams too: the status at once, then the whole answer with the feedback buttons.
    expect(connector.calls.slice(mark).map((c) => streamOf(c)?.streamType)).toEqual(['informative', 'final']);
    expect(connector.calls[mark]!.body.text).toBe('Tend is looking it up…');
    expect(streamOf(final)?.feedbackLoop).toEqual({ type: 'default' });
    // The answer is the stream's message: Teams gives it the id of the stream's first activity.
    const messageId = (final.body.channelData as { streamId: string }).streamId;
    expect(messageId).toBe(connector.calls[mark]!.activityId);
    const rate = (
      from: Record<string, unknown>,
      reaction: 'like' | 'dislike',
      feedbackText: string,
      replyToId: string | null = messageId,
    ) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          activity({
            type: 'invoke',
            name: 'message/submitAction',
            text: undefined,
            from,
            ...(replyToId ? { replyToId } : {}),
            value: { actionName: 'feedback', actionValue: { reaction, feedback: JSON.stringify({ feedbackText }) } },
          }),
        ),
      });
    const alex = { id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex' };
    expect((await rate(alex, 'like', '')).status).toBe(200);
    expect((await rate(alex, 'dislike', 'I wanted the renewal date')).status).toBe(200);
    // A guest's vote is not counted.
    expect((await rate({ id: '29:guest', aadObjectId: 'aad-guest', name: 'Guest' }, 'like', 'ok')).status).toBe(200);
    const votes = await db.prisma.answerFeedback.findMany({ where: { messageTs: messageId } });
    expect(votes).toEqual([
      expect.objectContaining({
        intent: 'health',
        helpful: false,
        voter: 'aad-alex',
        channel: 'a:personal-alex',
        comment: 'I wanted the renewal date',
      }),
    ]);
    // As the Agents Playground sends it, without the message it is about: kept, not an error.
    const playground = await rate(alex, 'like', 'handy', null);
    expect(playground.status).toBe(200);
    expect(
      await db.prisma.answerFeedback.findFirst({ where: { voter: 'aad-alex', intent: 'unknown', comment: 'handy' } }),
    ).not.toBeNull();
    // A write is not an answer to rate.
    const noted = await ask('note Acme: Teams feedback test');
    expect(textOf(noted.body)).toContain('Note logged on Acme Corp.');
    expect(streamOf(noted)).toMatchObject({ streamType: 'final', feedbackLoopEnabled: false });
  });

  it('tells a manager how good the health score is, streamed in their 1:1 chat', async () => {
    const mark = connector.calls.length;
    const morgan = {
      from: { id: '29:morgan', aadObjectId: 'aad-morgan', name: 'Morgan' },
      conversation: { id: 'a:personal-morgan', conversationType: 'personal', tenantId: tenant },
    };
    expect(await send(activity({ text: 'how good is our health score?', ...morgan }))).toBeLessThan(300);
    const [updated] = await connector.waitFor(mark, 1, 30_000);
    const text = textOf(updated!.body);
    expect(text).toMatch(
      /Health score against \d+ real outcomes: churn AUC (0\.\d\d \(95 % interval 0\.\d\d to 0\.\d\d\)|not enough data) 90 days ahead/,
    );
    expect(text).toContain('At-risk precision');
    expect(text).toMatch(/Lead time/);
    expect(text).toMatch(/Missed: churned while scored healthy \((\d+|not enough data)\)/);
    for (const card of cardsOf(updated!.body)) expectValidCard(card);
  });

  it('tells guests and people from other tenants nothing', async () => {
    const other = await ask('how is Acme doing?', {
      conversation: { id: 'a:personal-stranger', conversationType: 'personal', tenantId: 'other-tenant' },
      channelData: { tenant: { id: 'other-tenant' } },
      from: { id: '29:stranger', aadObjectId: 'aad-stranger', name: 'Stranger' },
    });
    const guest = await ask('at-risk', { from: { id: '29:guest', aadObjectId: 'aad-guest', name: 'Guest' } });
    // When Teams cannot say who someone is, they get nothing (fail closed, as in Slack).
    const unknown = await ask('how is Acme doing?', {
      from: { id: '29:flaky', aadObjectId: 'aad-flaky', name: 'Flaky' },
      conversation: { id: 'a:personal-flaky', conversationType: 'personal', tenantId: tenant },
    });
    // A client contact known only by email is a client, even as a member of this tenant.
    const acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    await db.prisma.contact.create({
      data: { externalId: 'TEAMS-EMAIL-1', accountId: acme.id, name: 'Kim Teams', email: 'kim.teams@client.example' },
    });
    const kim = await ask('how is Acme doing?', {
      from: { id: '29:kim', aadObjectId: 'aad-kim', name: 'Kim' },
      conversation: { id: 'a:personal-kim', conversationType: 'personal', tenantId: tenant },
    });
    for (const reply of [other, guest, unknown, kim]) {
      expect(textOf(reply.body)).toContain('Tend answers questions from the account team only.');
      expect(textOf(reply.body)).not.toMatch(/Acme Corp|\/100/);
    }
  });

  it('gives a client contact who is a Tend user, and a guest with a Tend role, nothing internal', async () => {
    for (const who of ['cfo', 'guestcsm']) {
      for (const q of ['how is Acme doing?', 'what should I do about Acme?', 'my tasks']) {
        const reply = await ask(q, {
          from: { id: `29:${who}`, aadObjectId: `aad-${who}`, name: who },
          conversation: { id: `a:personal-${who}`, conversationType: 'personal', tenantId: tenant },
        });
        expect(textOf(reply.body), `${who}: ${q}`).toContain('Tend answers questions from the account team only.');
        expect(textOf(reply.body), `${who}: ${q}`).not.toMatch(/Acme Corp|\/100/);
      }
    }
    // Their 1:1 chats are not kept as a Tend user's, so no reminder or escalation can reach them there.
    const ids = (
      await db.prisma.user.findMany({ where: { teamsAadObjectId: { in: ['aad-cfo', 'aad-guestcsm'] } } })
    ).map((u) => u.id);
    expect(ids).toHaveLength(2);
    expect(await db.prisma.conversationReference.count({ where: { channel: 'TEAMS', userId: { in: ids } } })).toBe(0);
  });

  it('gives no account data in a group chat with a guest or a client contact in it, or whose members are unknown', async () => {
    const mention = { type: 'mention', mentioned: { id: '28:tend', name: 'Tend' }, text: '<at>Tend</at>' };
    const inGroup = (id: string) =>
      ask('<at>Tend</at> how is Acme doing?', {
        conversation: { id, conversationType: 'groupChat', tenantId: tenant },
        entities: [mention],
      });
    // Kim is a client contact known by email, with a full account in this tenant.
    const acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    await db.prisma.contact.upsert({
      where: { externalId: 'TEAMS-EMAIL-1' },
      create: { externalId: 'TEAMS-EMAIL-1', accountId: acme.id, name: 'Kim Teams', email: 'kim.teams@client.example' },
      update: {},
    });
    for (const id of ['19:group-guest@thread.v2', '19:group-client@thread.v2', '19:group-outage@thread.v2']) {
      const reply = await inGroup(id);
      expect(textOf(reply.body), id).not.toMatch(/Acme Corp: [\d.]+\/100|\/100/);
      expect(textOf(reply.body), id).toMatch(
        /shared with people outside|cannot see who else is in this conversation|account team only/i,
      );
    }
    // Tend read each roster (paged) before answering; the team's own chat still gets the answer.
    expect(connector.calls.some((c) => c.method === 'GET' && c.conversationId === '19:group-guest@thread.v2')).toBe(
      true,
    );
    expect(textOf((await inGroup('19:group@thread.v2')).body)).toMatch(/Acme Corp: [\d.]+\/100/);
  });

  it('surveys a client contact in their Teams chat; the answer is stored once', async () => {
    const acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    await db.prisma.contact.create({
      data: {
        externalId: 'TEAMS-CONTACT-1',
        accountId: acme.id,
        name: 'Terry Client',
        role: 'champion',
        teamsAadObjectId: 'aad-terry',
      },
    });
    const terry = {
      from: { id: '29:terry', aadObjectId: 'aad-terry', name: 'Terry' },
      conversation: { id: 'a:personal-terry', conversationType: 'personal', tenantId: 'client-tenant' },
      channelData: { tenant: { id: 'client-tenant' } },
    };
    // The contact's first message (after installing Tend) tells them nothing, but Tend can now reach them.
    const hello = await ask('hello', terry);
    expect(textOf(hello.body)).toContain('Tend answers questions from the account team only.');
    // A manager (Morgan Reyes in the demo) sends it from their own chat with Tend, and reads the results.
    const morgan = {
      from: { id: '29:morgan', aadObjectId: 'aad-morgan', name: 'Morgan' },
      conversation: { id: 'a:personal-morgan', conversationType: 'personal', tenantId: tenant },
    };
    const sent = await ask('survey Acme Corp nps', morgan);
    expect(textOf(sent.body)).toContain('NPS survey sent to Terry Client (Acme Corp) in Teams.');
    const invite = connector.calls
      .filter((c) => c.conversationId === 'a:personal-terry' && textOf(c.body).includes('recommend'))
      .at(-1)!;
    const card = cardsOf(invite.body)[0]!;
    expectValidCard(card);
    const commands = cardCommands(card);
    const choices = commands.filter((c) => c.startsWith('survey answer '));
    expect(choices).toHaveLength(11);
    const optOut = commands.find((c) => c.startsWith('survey optout '))!;
    const nine = choices.find((c) => c.endsWith(' 9'))!;
    const first = await ask('', { ...terry, value: { tend: { command: nine } } });
    const second = await ask('', { ...terry, value: { tend: { command: nine } } });
    expect(textOf(first.body)).toContain('Thank you! You answered 9.');
    expect(textOf(second.body)).toContain('Thank you! You answered 9.');
    const request = await db.prisma.surveyRequest.findFirstOrThrow({ where: { destination: 'a:personal-terry' } });
    const manager = await db.prisma.user.findUniqueOrThrow({ where: { email: 'mgr.na@tend.example' } });
    expect(request.sentById).toBe(manager.id);
    const items = await db.prisma.feedbackItem.findMany({ where: { surveyId: request.id } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ score: 9, channel: 'teams', surveyType: 'nps' });
    // Someone else cannot answer Terry's survey.
    const intruder = await ask('', { value: { tend: { command: nine.replace(' 9', ' 0') } } });
    expect(textOf(intruder.body)).toContain('This survey is not yours to answer.');
    expect(request.respondent).toBe('aad-terry');

    // The follow-up: "Add a comment" opens a dialog; sending it stores the words and closes the survey.
    const thanks = cardsOf(first.body)[0]!;
    expectValidCard(thanks);
    const addComment = ((thanks.actions ?? []) as { title: string; data: Record<string, unknown> }[]).find(
      (a) => a.title === 'Add a comment',
    )!;
    expect(addComment.data).toMatchObject({ msteams: { type: 'task/fetch' }, verb: 'tend_form' });
    const invokeAs = async (over: Record<string, unknown>, name: string, data: unknown) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity({ type: 'invoke', name, text: undefined, value: { data }, ...over })),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const fetched = await invokeAs(terry, 'task/fetch', addComment.data);
    expect(fetched.status).toBe(200);
    const task = fetched.body.task as { value: { title: string; card: { content: Record<string, unknown> } } };
    expect(task.value.title).toBe('Your comment');
    const dialog = task.value.card.content;
    expectValidCard(dialog);
    expect(JSON.stringify(dialog)).toContain('What is the main reason for your score?');
    const sendComment = (dialog.actions as { data: Record<string, unknown> }[])[0]!.data;
    // Alex cannot comment on Terry's survey either.
    const mark = connector.calls.length;
    await invokeAs({}, 'task/submit', { ...sendComment, text: 'Planted words' });
    const [refused] = await connector.waitFor(mark);
    expect(textOf(refused!.body)).toContain('This survey is not yours to answer.');
    const mark2 = connector.calls.length;
    const submitted = await invokeAs(terry, 'task/submit', {
      ...sendComment,
      text: 'Great reporting, it saves my team hours every week.',
    });
    expect(submitted.status).toBe(200);
    const [closed] = await connector.waitFor(mark2);
    expect(closed!.conversationId).toBe('a:personal-terry');
    expect(textOf(closed!.body)).toContain('This survey is now closed.');
    const item = await db.prisma.feedbackItem.findUniqueOrThrow({ where: { id: items[0]!.id } });
    expect(item).toMatchObject({
      text: 'Great reporting, it saves my team hours every week.',
      sentimentLabel: 'positive',
    });

    // The manager sees the answer in /tend nps, in the feedback summary and, after recompute, in the explanation.
    const nps = await ask('nps acme 30', morgan);
    expect(textOf(nps.body)).toMatch(/NPS [+-]?\d+ for Acme Corp \(30 days, \d+ answers\)/);
    expect(textOf(nps.body)).toMatch(/surveys sent by Tend/);
    const feedback = await ask('feedback acme', morgan);
    expect(textOf(feedback.body)).toContain('Great reporting, it saves my team hours every week.');
    await recomputeHealth(db.prisma, { now: testNow, mode: 'all', accountIds: [acme.id] });
    const why = await ask('why acme', morgan);
    expect(textOf(why.body)).toContain('Customer voice (last 180 days)');
    expect(textOf(why.body)).toMatch(
      new RegExp(`NPS [+-]?\\d+ from \\d+ answers?, latest ${testNow.toISOString().slice(0, 10)}`),
    );
    // Terry asks not to be surveyed again; the next survey skips him, and only he could ask that.
    const intruderOptOut = await ask('', { value: { tend: { command: optOut } } });
    expect(textOf(intruderOptOut.body)).toContain('This survey is not yours to answer.');
    const optedOut = await ask('', { ...terry, value: { tend: { command: optOut } } });
    expect(textOf(optedOut.body)).toContain('we will not ask you for feedback here again');
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { externalId: 'TEAMS-CONTACT-1' } })).surveyOptOut).toBe(
      true,
    );
  });

  it('opens a 1:1 chat with a contact who never wrote to Tend, when Teams allows it', async () => {
    const globex = await db.prisma.account.findFirstOrThrow({ where: { name: 'Globex Industries' } });
    const [quinn, riley] = await Promise.all(
      [
        ['TEAMS-CONTACT-Q', 'Quinn Client', 'champion', 'aad-quinn'],
        ['TEAMS-CONTACT-R', 'Riley Client', 'sponsor', 'aad-riley'],
      ].map(([externalId, name, role, aad]) =>
        db.prisma.contact.create({
          data: {
            externalId: externalId!,
            accountId: globex.id,
            name: name!,
            role,
            teamsAadObjectId: aad,
            teamsTenantId: tenant,
          },
        }),
      ),
    );
    const morgan = {
      from: { id: '29:morgan', aadObjectId: 'aad-morgan', name: 'Morgan' },
      conversation: { id: 'a:personal-morgan', conversationType: 'personal', tenantId: tenant },
    };
    const mark = connector.calls.length;
    const sent = await ask('survey Globex Industries nps', morgan);
    expect(textOf(sent.body)).toContain('NPS survey sent to Quinn Client (Globex Industries) in Teams.');
    const created = connector.calls.slice(mark).find((c) => c.method === 'POST' && !c.body.type)!;
    expect(created.body).toMatchObject({
      isGroup: false,
      members: [{ id: 'aad-quinn' }],
      tenantId: tenant,
      bot: { id: '28:tend' },
      channelData: { tenant: { id: tenant } },
    });
    const invite = connector.calls
      .slice(mark)
      .find((c) => c.conversationId === 'a:created-aad-quinn' && textOf(c.body).includes('recommend'))!;
    expect(invite).toBeDefined();
    const request = await db.prisma.surveyRequest.findFirstOrThrow({ where: { contactId: quinn!.id } });
    expect(request).toMatchObject({ destination: 'a:created-aad-quinn', respondent: 'aad-quinn', state: 'SENT' });
    const stored = await db.prisma.conversationReference.findUniqueOrThrow({
      where: { channel_key: { channel: 'TEAMS', key: 'a:created-aad-quinn' } },
    });
    expect(stored).toMatchObject({ contactId: quinn!.id, accountId: globex.id });

    // Quinn answers in the new chat; the answer is Quinn's.
    const seven = cardCommands(cardsOf(invite.body)[0]!).find(
      (c) => c.startsWith('survey answer ') && c.endsWith(' 7'),
    )!;
    const quinnInOpenedChat = {
      from: { id: '29:quinn', aadObjectId: 'aad-quinn', name: 'Quinn' },
      conversation: { id: 'a:created-aad-quinn', conversationType: 'personal', tenantId: tenant },
    };
    const answered = await ask('', { ...quinnInOpenedChat, value: { tend: { command: seven } } });
    expect(answered.conversationId).toBe('a:created-aad-quinn');
    expect(textOf(answered.body)).toContain('Thank you! You answered 7.');
    expect(await db.prisma.feedbackItem.count({ where: { surveyId: request.id, score: 7 } })).toBe(1);
    // What Quinn writes next in that chat is the comment the survey asked for.
    const commented = await ask('Reports take a minute to load.', quinnInOpenedChat);
    expect(textOf(commented.body)).toContain('This survey is now closed.');
    expect(await db.prisma.feedbackItem.findFirstOrThrow({ where: { surveyId: request.id } })).toMatchObject({
      score: 7,
      text: 'Reports take a minute to load.',
    });

    // Riley's chat cannot be opened (Tend is not installed for Riley): the manager is told why, and
    // Riley stays askable once Tend is installed.
    const refused = await ask('survey Globex Industries nps', morgan);
    expect(textOf(refused.body)).toContain('The survey to Riley Client was not sent');
    expect(textOf(refused.body)).toContain('Tend must be installed for them');
    const cancelled = await db.prisma.surveyRequest.findFirstOrThrow({ where: { contactId: riley!.id } });
    expect(cancelled.state).toBe('CANCELLED');
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { id: riley!.id } })).lastSurveyedAt).toBeNull();
  });

  it('posts from the CLI without the server: tend survey send reaches a Teams contact', async () => {
    const initech = await db.prisma.account.findFirstOrThrow({
      where: { name: { not: 'Acme Corp' }, contacts: { none: { teamsAadObjectId: { not: null } } } },
    });
    const contact = await db.prisma.contact.create({
      data: {
        externalId: 'TEAMS-CONTACT-CLI',
        accountId: initech.id,
        name: 'Casey Client',
        role: 'champion',
        teamsAadObjectId: 'aad-casey-cli',
      },
    });
    // Casey's chat with Tend exists (installed earlier); the CLI has no server, only the database.
    // Casey is a member of this tenant, not a guest, yet as a client contact reads nothing.
    const refused = await ask('at-risk', {
      from: { id: '29:casey', aadObjectId: 'aad-casey-cli', name: 'Casey' },
      conversation: { id: 'a:personal-casey', conversationType: 'personal', tenantId: tenant },
    });
    expect(textOf(refused.body)).toContain('Tend answers questions from the account team only.');
    const cliConfig = loadConfig({ DATABASE_URL: db.url, TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    const notifiers = notifiersFor(cliConfig, db.prisma);
    expect(Object.keys(notifiers)).toEqual(['TEAMS']);
    const created = await createSurveyRequest(
      db.prisma,
      { role: 'admin', external: false, place: 'dm' },
      { accountId: initech.id, surveyKey: 'csat', contactId: contact.id },
      cliConfig.surveys,
      testNow,
    );
    const mark = connector.calls.length;
    await deliverSurvey({ prisma: db.prisma, notifiers }, created);
    const [invite] = connector.messages(mark);
    expect(invite!.conversationId).toBe('a:personal-casey');
    expect(textOf(invite!.body)).toContain('How satisfied are you');
    expect(await db.prisma.surveyRequest.findUniqueOrThrow({ where: { id: created.requestId } })).toMatchObject({
      state: 'SENT',
      messageChannel: 'a:personal-casey',
      messageRef: invite!.activityId,
    });
  });

  it('stores the conversation when installed, and posts and updates proactively', async () => {
    const mark = connector.calls.length;
    const status = await send(
      activity({
        type: 'conversationUpdate',
        text: undefined,
        conversation: { id: '19:alerts@thread.tacv2', conversationType: 'channel', tenantId: tenant },
        membersAdded: [{ id: '28:tend', name: 'Tend' }],
      }),
    );
    expect(status).toBeLessThan(300);
    await connector.waitFor(mark);
    const notifier = tend.notifiers.TEAMS!;
    const posted = await notifier.send('19:alerts@thread.tacv2', {
      headline: 'Acme Corp turned At Risk: 55/100',
      tone: 'warning',
    });
    expect(posted.ref).toMatch(/^reply-\d+$/);
    await notifier.update('19:alerts@thread.tacv2', posted.ref, {
      headline: 'Resolved: Acme Corp turned At Risk',
      tone: 'good',
    });
    const put = connector.calls.at(-1)!;
    expect(put).toMatchObject({ method: 'PUT', conversationId: '19:alerts@thread.tacv2', activityId: posted.ref });
    expect(textOf(put.body)).toContain('Resolved: Acme Corp turned At Risk');

    // A channel with a guest in it gets no alert: the roster is read before the post.
    await send(
      activity({
        type: 'conversationUpdate',
        text: undefined,
        conversation: { id: '19:partners@thread.tacv2', conversationType: 'channel', tenantId: tenant },
        membersAdded: [{ id: '28:tend', name: 'Tend' }],
      }),
    );
    const before = connector.messages(0).filter((c) => c.conversationId === '19:partners@thread.tacv2').length;
    await expect(
      notifier.send('19:partners@thread.tacv2', { headline: 'Acme Corp turned At Risk: 55/100', tone: 'warning' }),
    ).rejects.toThrow(/people outside the account team can read/);
    expect(connector.messages(0).filter((c) => c.conversationId === '19:partners@thread.tacv2')).toHaveLength(before);
  });

  it('turns a metric change into exactly one Teams message through the jobs; re-runs send nothing', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const account = await db.prisma.account.create({
      data: {
        externalId: 'TEAMS-JOB',
        name: 'Teams Job Co',
        segment: 'standard',
        tier: 'essential',
        lifecycleStage: 'adoption',
        arr: 1000,
        ownerId: alex.id,
      },
    });
    const deps: JobDeps = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      config: {
        scheduleTimeZone: 'UTC',
        surveys: { minDaysBetween: 30, expiryDays: 7 },
        alerts: testAlertsConfig,
      },
      // Teams only, so the count below is about Teams.
      notifiers: { TEAMS: tend.notifiers.TEAMS! },
    };
    const now = testNow;
    const day = new Date(now.toISOString().slice(0, 10));
    await db.prisma.metricObservation.createMany({
      data: Object.entries({
        dau_pct: 15,
        feature_adoption_pct: 20,
        logins_per_user_weekly: 0.5,
        tickets_per_user_monthly: 4,
        escalation_rate_pct: 30,
        stakeholder_engagement_pct: 10,
      }).map(([key, value]) => ({
        accountId: account.id,
        key,
        date: day,
        value,
        source: 'test',
      })),
    });
    const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
    const mark = connector.calls.length;
    expect((await runJobOnce(deps, job('recompute-changed'), now, 'teams-test')).status).toBe('ran');
    await runJobOnce(deps, job('deliver-alerts'), now, 'teams-test');
    const alerts = await db.prisma.alert.findMany({ where: { accountId: account.id } });
    expect(alerts.length).toBeGreaterThan(0);
    // Other accounts Alex owns may alert in the same pass; this account's change arrives as one message.
    const sent = connector.messages(mark);
    expect(sent.filter((m) => textOf(m.body).includes('Teams Job Co'))).toHaveLength(1);
    expect(sent.every((m) => m.conversationId === 'a:personal-alex')).toBe(true);
    expect(sent).toHaveLength(
      await db.prisma.alertMessage.count({ where: { channel: 'TEAMS', state: 'SENT', sentAt: now } }),
    );
    for (const m of sent) expectValidCard(cardsOf(m.body)[0]!);
    const mark2 = connector.calls.length;
    await runJobOnce(deps, job('recompute-changed'), new Date(now.getTime() + 5 * 60_000), 'teams-test');
    await runJobOnce(deps, job('deliver-alerts'), new Date(now.getTime() + 6 * 60_000), 'teams-test');
    expect(connector.messages(mark2)).toHaveLength(0);
  });

  it('delivers an alert to the owner’s Teams chat exactly once', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const account = await db.prisma.account.create({
      data: {
        externalId: 'TEAMS-ALERT',
        name: 'Teams Alert Co',
        segment: 'standard',
        tier: 'essential',
        lifecycleStage: 'adoption',
        arr: 1000,
        ownerId: alex.id,
      },
    });
    const policy = {
      config: testAlertsConfig,
      timeZone: 'UTC',
    };
    const now = testNow;
    await openAlert(
      db.prisma,
      {
        accountId: account.id,
        candidate: {
          kind: 'at_risk',
          severity: 'WARNING',
          title: 'Teams Alert Co turned At Risk: 52/100',
          evidence: {
            whatChanged: 'Since last week: -12 overall',
            evidence: ['Active users 72 % -> 51 %'],
            dataAsOf: '2026-11-20',
            suggestedAction: 'Schedule a usage review (High)',
            score: 52,
            band: 'At Risk',
          },
        },
      },
      policy,
      now,
    );
    const mark = connector.calls.length;
    const first = await deliverAlerts({ prisma: db.prisma, notifiers: tend.notifiers, policy }, now);
    const again = await deliverAlerts(
      { prisma: db.prisma, notifiers: tend.notifiers, policy },
      new Date(now.getTime() + 60_000),
    );
    expect(first.sent).toBe(1);
    expect(again.sent).toBe(0);
    const sent = connector.messages(mark);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe('a:personal-alex');
    const card = cardsOf(sent[0]!.body)[0]!;
    expectValidCard(card);
    expect(textOf(card)).toContain('Schedule a usage review (High)');
  });
});

describe('Teams bot with an app id', () => {
  it('rejects requests without a Bot Framework token', async () => {
    const db = await createTestDatabase('pglite');
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        DATABASE_POOL_MAX: '1',
        TEND_MIGRATE_ON_START: 'false',
        TEND_JOBS_ENABLED: 'false',
        TEAMS_APP_ID: '00000000-0000-0000-0000-000000000001',
        TEAMS_APP_PASSWORD: 'secret',
        TEAMS_TENANT_ID: tenant,
        // Asking for unauthenticated access does nothing once an app id is set.
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      },
      { envFile: false },
    );
    const tend = await startTend(config, createLogger({ level: 'silent' }), testClock);
    try {
      const res = await fetch(`http://127.0.0.1:${tend.address.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'how is Acme doing?',
          serviceUrl: 'http://127.0.0.1:9/',
          channelId: 'msteams',
          from: { id: 'x' },
          conversation: { id: 'y' },
          recipient: { id: 'z' },
        }),
      });
      expect(res.status).toBe(401);
    } finally {
      await tend.stop();
      await db.close();
    }
  });
});
