import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { hasFaketime, runTend } from '../support/run-tend.js';

// `tend mcp --as <email>` for a local assistant (Claude desktop, Cursor): the SDK's Client starts it
// over stdio, as those assistants do, and gets the same answers as `tend score`.

const dir = mkdtempSync(join(tmpdir(), 'tend-mcp-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn' };
const clients: Client[] = [];

async function connect(email: string) {
  const client = new Client({ name: 'tend-e2e', version: '1.0.0' });
  await client.connect(
    // On the demo's day (libfaketime), so its answers are the ones `tend score --now` gives.
    new StdioClientTransport({
      command: 'faketime',
      args: ['-f', '@2026-09-14 09:00:00', process.execPath, join(projectRoot, 'bin/tend.js'), 'mcp', '--as', email],
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
        TZ: 'UTC',
        ...env,
      },
      stderr: 'pipe',
    }),
  );
  clients.push(client);
  return client;
}

describe.skipIf(!hasFaketime)('tend mcp over stdio', () => {
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
  });

  it('lists the tools and answers health as tend score does (SDK client and MCP Inspector CLI), and refuses an unknown user', async () => {
    const seeded = runTend(['seed', '--demo', '--accounts', '12', '--today', '2026-09-14'], env);
    expect(await seeded.exited).toBe(0);
    const scored = runTend(['score', '--account', 'Acme Corp', '--json', '--now', '2026-09-14T09:00:00Z'], env);
    expect(await scored.exited).toBe(0);
    const overall = (JSON.parse(scored.output()) as { overall: number }).overall;

    const client = await connect('alex@tend.example');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['account_health', 'list_at_risk', 'log_note']));
    const result = (await client.callTool({
      name: 'account_health',
      arguments: { account: 'Acme Corp' },
    })) as unknown as { structuredContent: { headline: string } };
    expect(result.structuredContent.headline).toMatch(new RegExp(`^Acme Corp: ${overall}/100`));

    // The embedded database takes one process at a time: end this session first.
    await client.close();
    // The official MCP Inspector's CLI, as an operator checks a server, lists and calls the same tools.
    const inspector = (method: string[]) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            join(projectRoot, 'node_modules/@modelcontextprotocol/inspector/cli/build/cli.js'),
            // The Inspector passes only what -e names to the server it starts.
            ...Object.entries({
              PATH: process.env.PATH ?? '',
              ...env,
              FAKETIME_DONT_FAKE_MONOTONIC: '1',
              TZ: 'UTC',
            }).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
            '--cli',
            'faketime',
            '-f',
            '@2026-09-14 09:00:00',
            process.execPath,
            join(projectRoot, 'bin/tend.js'),
            'mcp',
            '--as',
            'alex@tend.example',
            ...method,
          ],
          {
            cwd: projectRoot,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: process.env.HOME ?? '',
              FAKETIME_DONT_FAKE_MONOTONIC: '1',
              TZ: 'UTC',
              ...env,
            },
          },
        );
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`inspector exited ${code}: ${out}`))));
      });
    const listed = JSON.parse(await inspector(['--method', 'tools/list'])) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toContain('account_health');
    const called = JSON.parse(
      await inspector(['--method', 'tools/call', '--tool-name', 'account_health', '--tool-arg', 'account=Acme Corp']),
    ) as { structuredContent: { headline: string } };
    expect(called.structuredContent.headline).toMatch(new RegExp(`^Acme Corp: ${overall}/100`));

    const unknown = runTend(['mcp', '--as', 'nobody@tend.example'], env);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toContain('--as nobody@tend.example: no such Tend user');
  });
});
