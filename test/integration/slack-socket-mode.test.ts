import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testClock, testNow } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Socket Mode: Tend opens a WebSocket to Slack (here a local one) and receives the same payloads
// as envelopes, acknowledging each on the socket instead of in an HTTP response.
describe('Slack app in Socket Mode', () => {
  const team = 'T0TEND';
  let db: TestDatabase;
  let slack: FakeSlack;
  let tend: RunningTend;
  let wss: WebSocketServer;
  const acks: { envelope_id: string }[] = [];
  let socket: WebSocket;
  const connected = new Promise<WebSocket>((resolve) => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws) => {
      ws.on('message', (data) => acks.push(JSON.parse(String(data)) as { envelope_id: string }));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'ATEND' } }));
      resolve(ws);
    });
  });

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 7, today: testNow, accounts: 20, historyWeeks: 1 });
    const port = (wss.address() as AddressInfo).port;
    slack = await startFakeSlack({
      teamId: team,
      users: [{ id: 'UALEX', team_id: team, email: 'alex@tend.example' }],
      channels: [{ id: 'DALEX', is_im: true, user: 'UALEX' }],
      socketUrl: `ws://127.0.0.1:${port}/link`,
    });
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        DATABASE_POOL_MAX: '1',
        TEND_MIGRATE_ON_START: 'false',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_APP_TOKEN: 'xapp-test-token',
        SLACK_API_URL: slack.apiUrl,
        SLACK_API_RETRIES: '0',
        TEND_JOBS_ENABLED: 'false',
      },
      { envFile: false },
    );
    tend = await startTend(config, createLogger({ level: 'silent' }), testClock);
    socket = await connected;
  });
  afterAll(async () => {
    await tend?.stop();
    await slack?.close();
    await new Promise((r) => wss.close(r));
    await db?.close();
  });

  it('connects with the app token and answers a slash command sent over the socket', async () => {
    expect(tend.slack?.mode).toBe('socket');
    expect(slack.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
    const mark = slack.calls.length;
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/tend',
          text: 'health acme',
          user_id: 'UALEX',
          team_id: team,
          channel_id: 'DALEX',
          response_url: slack.responseUrl('socket-1'),
          trigger_id: 't1',
        },
      }),
    );
    const [answer] = await slack.waitFor(mark, 'response_url:socket-1');
    expect(JSON.stringify(answer!.body.blocks)).toMatch(/Acme Corp: [\d.]+\/100/);
    expect(acks.map((a) => a.envelope_id)).toContain('env-1');
  });

  it('answers an event once even when Slack redelivers it', async () => {
    const mark = slack.calls.length;
    const envelope = (id: string, attempt: number) =>
      JSON.stringify({
        envelope_id: id,
        type: 'events_api',
        retry_attempt: attempt,
        payload: {
          type: 'event_callback',
          team_id: team,
          event_id: 'Ev-socket-1',
          event: { type: 'message', channel_type: 'im', channel: 'DALEX', user: 'UALEX', text: 'portfolio', ts: '9.9' },
        },
      });
    socket.send(envelope('env-2', 0));
    socket.send(envelope('env-3', 1));
    await slack.waitFor(mark, 'chat.update');
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.since(mark, 'chat.postMessage')).toHaveLength(1);
    expect(acks.map((a) => a.envelope_id)).toEqual(expect.arrayContaining(['env-2', 'env-3']));
  });
});
