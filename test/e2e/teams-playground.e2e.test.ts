import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { projectRoot } from '../../src/paths.js';
import { playgroundConfig } from '../support/playground-config.js';
import { hasFaketime, runTend, type TendProcess } from '../support/run-tend.js';
import { testNow } from '../support/test-clock.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

interface PlaygroundMessage {
  messageId?: string;
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
  suggestedActions?: { actions: { type: string; title: string; value: string }[] };
  feedbackLoopEnabled?: boolean;
}
interface PlaygroundEvent {
  action: string;
  message?: PlaygroundMessage;
}

// The Microsoft 365 Agents Playground emulates Teams locally (offline, no browser here): it sends
// activities to Tend's /api/messages and plays the connector Tend replies to. Driven through the
// HTTP and websocket endpoints its web UI uses.
// Tend starts on the tests' fixed day (libfaketime): it seeds the demo for that day, so the prompts it
// suggests and the answers it gives are the same whenever the suite runs. Without faketime: skipped.
describe.skipIf(!hasFaketime)('Teams through the Microsoft 365 Agents Playground', () => {
  let tend: TendProcess | undefined;
  let playground: ChildProcess | undefined;
  afterAll(async () => {
    playground?.kill('SIGTERM');
    await tend?.stop(8_000);
  });

  it('done when: a CSM opens Tend, takes a suggested prompt, reads it streamed with its chart, and asks why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-playground-'));
    const configPath = join(dir, 'playground.yml');
    writeFileSync(configPath, playgroundConfig);
    tend = runTend(
      ['start', '--no-chat'],
      {
        TEND_DATA_DIR: join(dir, 'db'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        TEND_JOBS_ENABLED: 'false',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      },
      { clockAt: testNow },
    );
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
      {
        cwd: dir,
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    playground.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    playground.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const started = Date.now();
    while (!log.includes(`Listening on ${port}`)) {
      if (Date.now() - started > 60_000 || playground.exitCode !== null)
        throw new Error(`playground did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    const config = (
      (await (await fetch(`${base}/_internal/v1/config`)).json()) as {
        config: { currentUser: { id: string; email?: string }; personalChat: { id: string } };
      }
    ).config;
    const chat = config.personalChat.id;

    const events: PlaygroundEvent[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    ws.on('message', (data) => events.push(JSON.parse(String(data)) as PlaygroundEvent));
    await new Promise((resolve) => ws.on('open', resolve));
    const messages = () => events.flatMap((e) => (e.message ? [e.message] : []));
    const waitUntil = async <T>(find: () => T | undefined, what: string, ms = 30_000): Promise<T> => {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = find();
        if (found !== undefined) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no ${what}; saw ${JSON.stringify(events.map((e) => ({ action: e.action, ...e.message, text: e.message?.text?.slice(0, 40), attachments: e.message?.attachments?.length })))}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // The playground shows a stream's status as typing, and its final message as two: the text,
    // then the card.
    const say = async (text: string) => {
      const mark = events.length;
      const sent = await fetch(`${base}/_conversation/v1/conversations/${chat}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: config.currentUser.id }, text, textFormat: 'plain' }),
      });
      expect(sent.status).toBe(200);
      const after = () => events.slice(mark);
      const answer = await waitUntil(
        () => after().find((e) => e.action === 'createMessage' && e.message?.text)?.message,
        `answer to "${text}"`,
      );
      const card = await waitUntil(
        () =>
          after()
            .map((e) => e.message)
            .find((m) => m && m !== answer && m.attachments?.length && m.feedbackLoopEnabled),
        `card of the answer to "${text}"`,
      );
      return { answer, card: cardOf(card)!, actions: after().map((e) => e.action) };
    };
    const cardOf = (m: PlaygroundMessage) =>
      m.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

    // Alex opens Tend: the playground installs it in their personal chat.
    expect((await fetch(`${base}/_debug/conversation/${chat}/installation`, { method: 'POST' })).status).toBe(200);
    const greeting = await waitUntil(() => messages().find((m) => m.suggestedActions), 'greeting');
    // Once: the card carries the words, the activity only its notification preview.
    expect(JSON.stringify(cardOf(greeting))).toContain('Hi, I am Tend');
    expect(greeting.text ?? '').not.toContain('Hi, I am Tend');
    const prompts = greeting.suggestedActions!.actions;
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts.length).toBeLessThanOrEqual(3);
    // The first prompt is the account in Alex's book that fell most (the demo has one).
    const prompt = prompts[0]!;
    expect(prompt.type).toBe('imBack');
    const account = /^why did (.+) drop\?$/.exec(prompt.value)?.[1];
    expect(account, `first prompt: ${prompt.value}`).toBeDefined();

    // Pressing it sends its words; the answer streams: a status first (typing), then the answer
    // with its card and the feedback buttons.
    const first = await say(prompt.value);
    expect(first.actions.indexOf('typing')).toBeGreaterThanOrEqual(0);
    expect(first.actions.indexOf('typing')).toBeLessThan(first.actions.indexOf('createMessage'));
    expect(first.answer.text).toContain(`Why ${account} is at`);
    expect(first.answer.feedbackLoopEnabled).toBe(true);
    const image = (first.card.body as { type: string; url?: string; altText?: string }[]).find(
      (e) => e.type === 'Image',
    );
    expect(image?.url).toMatch(/^data:image\/jpeg;base64,/);
    expect(image?.altText).toMatch(new RegExp(`^${account}'s health score went from [\\d.]+ on \\d{4}-\\d{2}-\\d{2}`));

    // "and why?" is about the same account.
    const why = await say('and why?');
    expect(why.answer.text).toContain(`Why ${account} is at`);
    ws.close();
  });
});
