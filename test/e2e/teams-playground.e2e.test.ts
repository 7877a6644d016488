import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { projectRoot } from '../../src/paths.js';
import { runTend, type TendProcess } from '../support/run-tend.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

// The Microsoft 365 Agents Playground emulates Teams locally (offline, no browser here): it sends
// activities to Tend's /api/messages and plays the connector Tend replies to. Driven through the
// HTTP and websocket endpoints its web UI uses.
describe('Teams through the Microsoft 365 Agents Playground', () => {
  let tend: TendProcess | undefined;
  let playground: ChildProcess | undefined;
  afterAll(async () => {
    playground?.kill('SIGTERM');
    tend?.child.kill('SIGTERM');
    await tend?.exited;
  });

  it('answers a question asked in the playground’s personal chat with an Adaptive Card', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-playground-'));
    tend = runTend(['start', '--no-chat'], {
      TEND_DATA_DIR: join(dir, 'db'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TEND_JOBS_ENABLED: 'false',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    });
    const ready = await tend.waitFor(/"port":(\d+)[^\n]*"msg":"Tend is ready"/, 90_000);
    const port = await freePort();
    let log = '';
    playground = spawn(
      process.execPath,
      [
        join(projectRoot, 'node_modules/@microsoft/m365agentsplayground/cli.js'),
        'start',
        '-e',
        `http://127.0.0.1:${ready[1]}/api/messages`,
        '-c',
        'msteams',
        '-p',
        String(port),
        '--dt',
      ],
      { env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    playground.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    playground.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const started = Date.now();
    while (!log.includes(`Listening on ${port}`)) {
      if (Date.now() - started > 60_000) throw new Error(`playground did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    const config = (
      (await (await fetch(`${base}/_internal/v1/config`)).json()) as {
        config: { currentUser: { id: string }; personalChat: { id: string } };
      }
    ).config;

    const events: {
      action: string;
      message?: { text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
    }[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.on('open', resolve));
    const sent = await fetch(`${base}/_conversation/v1/conversations/${config.personalChat.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: config.currentUser.id }, text: 'how is Acme doing?', textFormat: 'plain' }),
    });
    expect(sent.status).toBe(200);
    const deadline = Date.now() + 30_000;
    const card = () =>
      events
        .flatMap((e) => e.message?.attachments ?? [])
        .find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    while (!card() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    ws.close();
    expect(card()?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card()!.content)).toMatch(/Acme Corp: [\d.]+\/100/);
  });
});
