import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { postSigned, slashCommandBody, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { testClock, testNow } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The database goes away while Tend runs (stopped, restarting, network lost): a slash command, a
// DM and a Teams message each get a reply saying so and when to try again, not silence.

const unavailable = "Tend's database is unavailable, try again in a minute.";
const secret = 'test-signing-secret';
const team = 'T0TEND';
const tenant = 'tenant-1';

describe('a database outage, over Slack and Teams HTTP', () => {
  let db: TestDatabase;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let slack: FakeSlack;
  let connector: FakeConnector;
  let tend: RunningTend;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    slack = await startFakeSlack({
      teamId: team,
      users: [{ id: 'UALEX', team_id: team, email: 'alex@tend.example' }],
      channels: [{ id: 'DALEX', is_im: true, user: 'UALEX' }],
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
      },
      new Set(),
      {},
    );
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: proxy.urlFor(db.url),
        DATABASE_POOL_MAX: '1',
        TEND_MIGRATE_ON_START: 'false',
        TEND_JOBS_ENABLED: 'false',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        SLACK_API_RETRIES: '0',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        TEAMS_TENANT_ID: tenant,
      },
      { envFile: false },
    );
    tend = await startTend(config, createLogger({ level: 'silent' }), testClock);
    base = `http://127.0.0.1:${tend.address.port}`;
    await proxy.cut();
  });
  afterAll(async () => {
    await tend?.stop();
    await slack?.close();
    await connector?.close();
    await db?.close();
  });

  it('answers a slash command that the database is unavailable', async () => {
    const mark = slack.calls.length;
    const res = await postSigned(
      `${base}/slack/events`,
      secret,
      slashCommandBody({
        command: '/tend',
        text: 'health acme',
        user_id: 'UALEX',
        team_id: team,
        channel_id: 'DALEX',
        response_url: slack.responseUrl('outage-command'),
        trigger_id: 'trigger-outage',
      }),
      { contentType: 'form' },
    );
    expect(res.status).toBe(200);
    const [reply] = await slack.waitFor(mark, 'response_url:outage-command');
    expect(JSON.stringify(reply!.body)).toContain(unavailable);
  });

  it('answers a DM once that the database is unavailable; Slack retries of it are dropped', async () => {
    const mark = slack.calls.length;
    const dm = (retryNum?: number) =>
      postSigned(
        `${base}/slack/events`,
        secret,
        JSON.stringify({
          type: 'event_callback',
          team_id: team,
          event_id: 'Ev-outage',
          event_time: 1,
          event: { type: 'message', channel_type: 'im', channel: 'DALEX', user: 'UALEX', text: 'portfolio', ts: '1.1' },
        }),
        { contentType: 'json', ...(retryNum ? { retryNum } : {}) },
      );
    expect((await dm()).status).toBe(200);
    // A slow question gets "Working on it" at once, then that message is replaced by the answer.
    const chat = () => slack.since(mark).filter((c) => c.method.startsWith('chat.'));
    await expect.poll(() => chat().length, { timeout: 10_000 }).toBe(2);
    const [progress, reply] = chat();
    expect(progress).toMatchObject({ method: 'chat.postMessage', body: { channel: 'DALEX' } });
    expect(reply).toMatchObject({ method: 'chat.update', body: { channel: 'DALEX' } });
    expect(JSON.stringify(reply!.body)).toContain(unavailable);
    expect((await dm(1)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(chat()).toHaveLength(2);
  });

  it('answers a Teams message that the database is unavailable', async () => {
    const mark = connector.calls.length;
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'act-outage',
        timestamp: testNow.toISOString(),
        serviceUrl: connector.serviceUrl,
        channelId: 'msteams',
        from: { id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex' },
        recipient: { id: '28:tend', name: 'Tend' },
        conversation: { id: 'a:personal-alex', conversationType: 'personal', tenantId: tenant },
        channelData: { tenant: { id: tenant } },
        text: 'portfolio',
      }),
    });
    expect(res.status).toBeLessThan(600);
    const replies = await connector.waitFor(mark);
    expect(JSON.stringify(replies.at(-1)!.body)).toContain(unavailable);
  });
});
