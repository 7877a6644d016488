// The official MCP conformance suite (@modelcontextprotocol/conformance, from the npm registry) and
// the MCP Inspector's CLI against Tend, over streamable HTTP and over stdio, on an embedded database
// seeded with the demo. Prints every result; exits non-zero when any fails. CI: npm run mcp:conformance
//
// Neither tool sends credentials, so the HTTP runs go through a loopback proxy that adds a personal
// access token, as an assistant's connector would. The suite's other scenarios call the tools of its
// reference server ("test_simple_text", resources "test://...", sampling, SSE streams): Tend has none
// of them, so they are not run (completion-complete asks for the prompt "test_prompt_with_arguments",
// json-schema-2020-12 for the tool "json_schema_2020_12_tool", resources-templates-read for
// "test://template/{id}/data"). MCP_CONFORMANCE_SCENARIOS=a,b runs those scenarios instead.
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTend } from '../src/app/start-tend.js';
import { createLogger } from '../src/logging/logger.js';
import { projectRoot } from '../src/paths.js';
import { seedDemoPortfolio } from '../src/services/demo/seed-demo-portfolio.js';
import { createMcpToken } from '../src/services/mcp/mcp-tokens.js';
import { testClock, testNow } from '../test/support/test-clock.js';
import { testTendConfig } from '../test/support/tend-test-config.js';
import { createTestDatabase } from '../test/support/test-database.js';

const conformance = '@modelcontextprotocol/conformance@0.1.16';
/** The suite's scenarios that test the protocol itself rather than its reference server's tools. */
const scenarios = process.env.MCP_CONFORMANCE_SCENARIOS?.split(',') ?? [
  'server-initialize',
  'ping',
  'logging-set-level',
  'tools-list',
  'resources-list',
  'prompts-list',
  'tools-call-error',
  'dns-rebinding-protection',
];

const results: { check: string; ok: boolean; detail: string }[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

const inspector = join(projectRoot, 'node_modules/@modelcontextprotocol/inspector/cli/build/cli.js');

async function main() {
  const db = await createTestDatabase('pglite');
  await seedDemoPortfolio(db.prisma, { seed: 42, today: testNow, accounts: 12, historyWeeks: 1 });
  const { token } = await createMcpToken(db.prisma, { email: 'alex@tend.example', now: testNow });
  const tend = await startTend(testTendConfig(db), createLogger({ level: 'silent' }), testClock);
  const target = tend.address.port;

  // The token an assistant's connector would send, added on the way through.
  const proxy = createServer((req, res) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`;

  try {
    for (const scenario of scenarios) {
      const { code, out } = await run('npx', ['-y', conformance, 'server', '--url', url, '--scenario', scenario]);
      results.push({ check: `conformance ${scenario} (HTTP)`, ok: code === 0, detail: out.trim() });
    }
    const viaHttp = await run(process.execPath, [
      inspector,
      '--cli',
      url,
      '--transport',
      'http',
      '--method',
      'tools/list',
    ]);
    results.push({
      check: 'inspector tools/list (HTTP)',
      ok: viaHttp.code === 0 && viaHttp.out.includes('"account_health"'),
      detail:
        viaHttp.code === 0 ? `${(JSON.parse(viaHttp.out) as { tools: unknown[] }).tools.length} tools` : viaHttp.out,
    });
    const called = await run(process.execPath, [
      inspector,
      '--cli',
      url,
      '--transport',
      'http',
      '--method',
      'tools/call',
      '--tool-name',
      'list_at_risk',
    ]);
    results.push({
      check: 'inspector tools/call list_at_risk {} (HTTP)',
      ok: called.code === 0 && !called.out.includes('"isError": true'),
      detail:
        called.code === 0
          ? (JSON.parse(called.out) as { structuredContent: { headline: string } }).structuredContent.headline
          : called.out,
    });
  } finally {
    await new Promise((r) => proxy.close(r));
    await tend.stop();
  }

  // stdio: `tend mcp --as`, on the same database (the embedded one takes one connection at a time).
  await db.prisma.$disconnect();
  const stdio = (method: string[]) =>
    run(process.execPath, [
      inspector,
      ...[
        'DATABASE_URL',
        db.url,
        'DATABASE_POOL_MAX',
        '1',
        'TEND_MIGRATE_ON_START',
        'false',
        'PATH',
        process.env.PATH ?? '',
      ]
        .reduce<string[][]>((pairs, v, i, all) => (i % 2 ? pairs : [...pairs, [v, all[i + 1]!]]), [])
        .flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      '--cli',
      process.execPath,
      join(projectRoot, 'bin/tend.js'),
      'mcp',
      '--as',
      'alex@tend.example',
      ...method,
    ]);
  const listed = await stdio(['--method', 'tools/list']);
  results.push({
    check: 'inspector tools/list (stdio)',
    ok: listed.code === 0 && listed.out.includes('"account_health"'),
    detail: listed.code === 0 ? `${(JSON.parse(listed.out) as { tools: unknown[] }).tools.length} tools` : listed.out,
  });
  const health = await stdio([
    '--method',
    'tools/call',
    '--tool-name',
    'account_health',
    '--tool-arg',
    'account=Acme Corp',
  ]);
  results.push({
    check: 'inspector tools/call account_health (stdio)',
    ok: health.code === 0 && health.out.includes('Acme Corp:'),
    detail:
      health.code === 0
        ? (JSON.parse(health.out) as { structuredContent: { headline: string } }).structuredContent.headline
        : health.out,
  });
  await db.close();

  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.check}`);
    if (!r.ok || process.env.VERBOSE) console.log(r.detail.replace(/^/gm, '      '));
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
