import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { createMcpServer } from '../../src/channels/mcp/mcp-server.js';
import { projectRoot } from '../../src/paths.js';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { terminalActor } from '../../src/cli/commands/chat-commands.js';
import { actorForUser, createMcpToken } from '../../src/services/mcp/mcp-tokens.js';
import { getAccountHealth } from '../../src/services/scoring/get-account-health.js';
import { testClock, testNow } from '../support/test-clock.js';
import { testTendConfig } from '../support/tend-test-config.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// Tend as an MCP server, driven by the SDK's own Client over streamable HTTP: the same answers and
// the same access rules as chat, for whoever the token stands for.

type ToolResult = {
  content: { type: string; text?: string }[];
  structuredContent?: { headline: string; tone: string; facts?: { label: string; value: string }[] };
  isError?: boolean;
};

describe.each(databaseKinds)('Tend over MCP (streamable HTTP), %s', (kind) => {
  let db: TestDatabase;
  let tend: RunningTend;
  let base: string;
  const tokens: Record<'csm' | 'viewer' | 'client' | 'resident' | 'readOnly' | 'expired', string> = {
    csm: '',
    viewer: '',
    client: '',
    resident: '',
    readOnly: '',
    expired: '',
  };
  const clients: Client[] = [];
  const connect = async (token: string) => {
    const client = new Client({ name: 'tend-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 42, today: testNow, accounts: 30, historyWeeks: 3 });
    await db.prisma.user.create({ data: { email: 'vera.viewer@tend.example', name: 'Vera Viewer', role: 'VIEWER' } });
    // Someone the book knows as a client contact, who is also set up as a Tend user (the email in
    // another case: mail systems ignore it, so the client check must too).
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { email: { not: null } } });
    const clientUser = await db.prisma.user.create({
      data: { email: contact.email!.toUpperCase(), name: contact.name, role: 'CSM' },
    });
    // A book of 151 active accounts, as in the report of issue 41: the demo's, and unscored others.
    const active = await db.prisma.account.count({ where: { status: 'ACTIVE' } });
    await db.prisma.account.createMany({
      data: Array.from({ length: 151 - active }, (_, i) => ({
        externalId: `extra-${i}`,
        name: `Extra Account ${String(i).padStart(3, '0')}`,
        segment: 'smb',
        tier: 'bronze',
        lifecycleStage: 'adoption',
        arr: 1000 + i,
      })),
    });
    tokens.csm = (await createMcpToken(db.prisma, { email: 'alex@tend.example', label: 'Claude desktop' })).token;
    tokens.viewer = (await createMcpToken(db.prisma, { email: 'vera.viewer@tend.example' })).token;
    tokens.client = (await createMcpToken(db.prisma, { userId: clientUser.id })).token;
    // A Tend user whose Slack account is a client contact's (known to the book by Slack id only).
    const resident = await db.prisma.user.create({
      data: { email: 'resident@tend.example', name: 'Pat Resident', role: 'ADMIN', slackUserId: 'URESIDENT' },
    });
    await db.prisma.contact.create({
      data: {
        externalId: 'mcp-resident',
        accountId: contact.accountId,
        name: 'Pat Resident',
        slackUserId: 'URESIDENT',
      },
    });
    tokens.resident = (await createMcpToken(db.prisma, { userId: resident.id })).token;
    tokens.readOnly = (
      await createMcpToken(db.prisma, { email: 'alex@tend.example', scopes: ['tend:read'], now: testNow })
    ).token;
    // Made 91 days before the app's today, for the default 90 days.
    tokens.expired = (
      await createMcpToken(db.prisma, {
        email: 'alex@tend.example',
        now: new Date(testNow.getTime() - 91 * 86_400_000),
      })
    ).token;
    tend = await startTend(
      testTendConfig(db, { TEND_MCP_ALLOWED_ORIGINS: 'https://app.tend.example' }),
      createLogger({ level: 'silent' }),
      testClock,
    );
    base = `http://127.0.0.1:${tend.address.port}`;
  });
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await tend?.stop();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('lists the tools with schemas and hints, and answers health with the score tend score gives', async () => {
    const client = await connect(tokens.csm);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of ['account_health', 'list_at_risk', 'list_renewals', 'portfolio_summary', 'log_note'])
      expect(names).toContain(name);
    const health = tools.find((t) => t.name === 'account_health')!;
    expect(health.inputSchema.properties).toHaveProperty('account');
    expect(health.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(health.outputSchema).toBeDefined();
    expect(tools.find((t) => t.name === 'log_note')!.annotations).toMatchObject({ readOnlyHint: false });
    // Optional means optional, and every input says what it takes.
    for (const tool of tools) {
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {}))
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toContain('"null"');
    }
    expect(tools.find((t) => t.name === 'list_at_risk')!.inputSchema.required ?? []).toEqual([]);
    expect(tools.find((t) => t.name === 'draft_qbr')!.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: false,
    });
    expect(tools.find((t) => t.name === 'draft_qbr')!.inputSchema.properties).toHaveProperty('quarter');
    expect(client.getServerCapabilities()?.tools?.listChanged).toBe(false);
    // The annotations docs/mcp.md states for each tool that changes something are the ones served.
    const doc = readFileSync(join(projectRoot, 'docs/mcp.md'), 'utf8');
    const start = doc.lastIndexOf('\n', doc.indexOf('| readOnly ')) + 1;
    const table = doc.slice(start, doc.indexOf('\n\n', start));
    const documented = table
      .split('\n')
      .slice(2)
      .map((line) => line.split('|').map((c) => c.trim()));
    expect(documented.map((c) => c[1])).toEqual(
      ['draft_qbr', 'log_note', 'snooze_alerts', 'act_on_alert', 'start_play', 'act_on_task'].map((n) => `\`${n}\``),
    );
    for (const [, name, , readOnly, destructive, idempotent, openWorld] of documented)
      expect(tools.find((t) => `\`${t.name}\`` === name)!.annotations, name).toMatchObject({
        readOnlyHint: readOnly === 'true',
        destructiveHint: destructive === 'true',
        idempotentHint: idempotent === 'true',
        openWorldHint: openWorld === 'true',
      });
    // Every tool not in the table only reads.
    for (const tool of tools.filter((t) => !documented.some((c) => c[1] === `\`${t.name}\``)))
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        openWorldHint: false,
      });

    const result = (await client.callTool({
      name: 'account_health',
      arguments: { account: 'Acme Corp' },
    })) as ToolResult;
    expect(result.isError).toBeFalsy();
    const found = await getAccountHealth(db.prisma, 'Acme Corp', testNow);
    if (found.kind !== 'found' || found.report.assessment?.kind !== 'scored')
      throw new Error('Acme is scored in the demo');
    const score = found.report.assessment.score.overall;
    expect(result.structuredContent!.headline).toMatch(new RegExp(`^Acme Corp: ${score}/100`));
    expect((result.structuredContent as { figures?: { score?: unknown } }).figures?.score).toBe(score);
    expect(result.content[0]!.text).toContain(`Acme Corp: ${score}/100`);
    // Every answer says how fresh its data is.
    expect(result.structuredContent!.facts?.find((f) => f.label === 'Data as of')).toBeDefined();
  });

  run('serves an account’s health report as a resource, and prompts for the common jobs', async () => {
    const client = await connect(tokens.csm);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(
      expect.arrayContaining(['tend://accounts/{account}/health', 'tend://accounts/{account}/qbr']),
    );
    const found = await getAccountHealth(db.prisma, 'Acme Corp', testNow);
    if (found.kind !== 'found' || found.report.assessment?.kind !== 'scored') throw new Error('Acme is scored');
    const read = await client.readResource({ uri: 'tend://accounts/Acme%20Corp/health' });
    expect((read.contents[0] as { text: string }).text).toContain(
      `Acme Corp: ${found.report.assessment.score.overall}/100`,
    );
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(
      expect.arrayContaining(['prepare_renewal_calls', 'brief_me_on_account']),
    );
    const brief = await client.getPrompt({ name: 'brief_me_on_account', arguments: { account: 'Globex Industries' } });
    expect(JSON.stringify(brief.messages)).toContain('account_health');
    expect(JSON.stringify(brief.messages)).toContain('Globex Industries');
    // A client contact reads no report either.
    const outsider = await connect(tokens.client);
    const refused = await outsider.readResource({ uri: 'tend://accounts/Acme%20Corp/health' });
    expect((refused.contents[0] as { text: string }).text).not.toMatch(/\/100/);
  });

  run('writes as the person when their role allows, and refuses a viewer', async () => {
    const csm = await connect(tokens.csm);
    const noted = (await csm.callTool({
      name: 'log_note',
      arguments: { account: 'Acme Corp', text: 'Called the CFO from Claude' },
    })) as ToolResult;
    expect(noted.isError).toBeFalsy();
    expect(await db.prisma.activity.count({ where: { title: { contains: 'Called the CFO from Claude' } } })).toBe(1);

    const viewer = await connect(tokens.viewer);
    const { tools } = await viewer.listTools();
    expect(tools.map((t) => t.name)).not.toContain('log_note');
    expect(tools.map((t) => t.name)).toContain('account_health');
    const refused = (await viewer.callTool({
      name: 'log_note',
      arguments: { account: 'Acme Corp', text: 'should not land' },
    })) as ToolResult;
    expect(refused.isError).toBe(true);
    expect(await db.prisma.activity.count({ where: { title: { contains: 'should not land' } } })).toBe(0);
  });

  run('gives a client contact nothing about accounts, whatever their Tend role', async () => {
    for (const token of [tokens.client, tokens.resident]) {
      const client = await connect(token);
      const result = (await client.callTool({
        name: 'account_health',
        arguments: { account: 'Acme Corp' },
      })) as ToolResult;
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toContain('Tend answers questions from the account team only.');
      expect(JSON.stringify(result)).not.toMatch(/\/100/);
      const list = (await client.callTool({ name: 'list_at_risk', arguments: {} })) as ToolResult;
      expect(list.isError).toBe(true);
    }
  });

  run('is a client for tend ask --as and tend mcp --as too, whatever their Tend role', async () => {
    const people = await db.prisma.user.findMany({
      where: {
        OR: [
          { email: 'resident@tend.example' },
          { mcpTokens: { some: {} }, role: 'CSM', email: { not: 'alex@tend.example' } },
        ],
      },
      select: { email: true },
    });
    expect(people).toHaveLength(2);
    for (const { email } of people) {
      for (const actor of [await terminalActor(db.prisma, email), await actorForUser(db.prisma, email.toLowerCase())]) {
        expect(actor, email).toEqual({ role: 'none', external: true, place: 'dm' });
        const reply = await handleMessage(
          { prisma: db.prisma, now: () => testNow },
          { text: 'how is Acme doing?', channel: 'shell', actor: actor! },
        );
        expect(reply.headline, email).toBe('Tend answers questions from the account team only.');
      }
    }
    // Staff are unchanged; someone Tend does not know is still named as such.
    expect(await terminalActor(db.prisma, 'alex@tend.example')).toMatchObject({ role: 'csm', external: false });
    await expect(terminalActor(db.prisma, 'nobody@tend.example')).rejects.toThrow('no such user');
  });

  run('makes a token for the person asking in their DM, shown once, that works at once', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const ask = (place: 'dm' | 'channel') =>
      handleMessage(
        { prisma: db.prisma, now: () => testNow },
        {
          text: 'connect an AI assistant',
          channel: 'slack',
          actor: { userId: alex.id, role: 'csm', external: false, place },
        },
      );
    const inChannel = await ask('channel');
    expect(inChannel.headline).toBe('Ask me for an assistant token in a direct message with Tend.');
    expect(JSON.stringify(inChannel)).not.toContain('tend_mcp_');
    const reply = await ask('dm');
    const token = reply.sections?.[0]?.lines[0] ?? '';
    expect(token).toMatch(/^tend_mcp_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await db.prisma.mcpToken.findMany({ where: { userId: alex.id } });
    // The secret is everything after "tend_mcp_<12-character id>_" (it may itself contain "_").
    expect(JSON.stringify(stored)).not.toContain(token.slice('tend_mcp_'.length + 13));
    const client = await connect(token);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('account_health');
  });

  run('answers 401 without a valid token, pointing at its protected resource metadata', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    for (const authorization of [undefined, 'Bearer tend_mcp_aaaaaaaaaaaa_' + 'A'.repeat(43), 'Bearer not-a-token']) {
      const res = await fetch(`${base}/mcp`, {
        method: 'POST',
        headers: { ...headers, ...(authorization ? { authorization } : {}) },
        body,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain(
        `resource_metadata="${base}/.well-known/oauth-protected-resource"`,
      );
    }
    const metadata = (await (await fetch(`${base}/.well-known/oauth-protected-resource`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({ resource: `${base}/mcp`, bearer_methods_supported: ['header'] });
    // A page on another origin (DNS rebinding) is refused before anything else.
    const foreign = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${tokens.csm}`, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const allowed = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${tokens.csm}`, origin: 'https://app.tend.example' },
      body,
    });
    expect(allowed.status).toBe(200);
    // A page on this machine (a local inspector): a rebinding page's Origin is never a loopback one.
    const local = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${tokens.csm}`, origin: 'http://localhost:6274' },
      body,
    });
    expect(local.status).toBe(200);
  });

  run('starts a play and completes its task for a CSM; a viewer is offered neither', async () => {
    const csm = await connect(tokens.csm);
    const names = (await csm.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['next_steps', 'my_tasks', 'start_play', 'act_on_task']));
    const viewer = await connect(tokens.viewer);
    const viewerNames = (await viewer.listTools()).tools.map((t) => t.name);
    expect(viewerNames).toContain('my_tasks');
    expect(viewerNames).not.toContain('start_play');
    expect(viewerNames).not.toContain('act_on_task');
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const account = await db.prisma.account.findFirstOrThrow({ where: { ownerId: alex.id, status: 'ACTIVE' } });
    const started = (await csm.callTool({
      name: 'start_play',
      arguments: { play: 'mapleai-ticket-spike', account: account.name },
    })) as ToolResult;
    expect(started.structuredContent!.headline).toBe(
      `Started More than 5 tickets in a week for ${account.name}: 2 steps`,
    );
    const mine = (await csm.callTool({ name: 'my_tasks', arguments: {} })) as ToolResult & {
      structuredContent: { actions?: { intent: string; args: { taskId: string } }[] };
    };
    expect(mine.structuredContent.actions![0]!.intent).toBe('task');
    const taskId = mine.structuredContent.actions![0]!.args.taskId;
    const done = (await csm.callTool({ name: 'act_on_task', arguments: { taskId, action: 'done' } })) as ToolResult;
    expect(done.structuredContent!.headline).toMatch(/^Done: Check the open tickets with support/);
    expect(await db.prisma.playTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      state: 'DONE',
      doneById: alex.id,
    });
  });

  type Paged = ToolResult & {
    structuredContent: {
      table?: { rows: string[][] };
      page?: { offset: number; returned: number; total: number };
      nextCursor?: string;
    };
  };

  run('lists all 151 accounts through cursors, none missing or repeated, and pages the at-risk list', async () => {
    const csm = await connect(tokens.csm);
    const seen: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = (await csm.callTool({
        name: 'list_accounts',
        arguments: { by: 'arr', limit: 40, ...(cursor ? { cursor } : {}) },
      })) as Paged;
      expect(page.isError).toBeFalsy();
      expect(page.structuredContent.page!.total).toBe(151);
      const rows = page.structuredContent.table!.rows.map((r) => r[0]!);
      // Never fewer rows than asked while more remain.
      if (page.structuredContent.nextCursor) expect(rows).toHaveLength(40);
      seen.push(...rows);
      cursor = page.structuredContent.nextCursor;
      calls += 1;
    } while (cursor && calls < 10);
    expect(calls).toBe(4);
    expect(seen).toHaveLength(151);
    expect(new Set(seen).size).toBe(151);
    const names = await db.prisma.account.findMany({ where: { status: 'ACTIVE' }, select: { name: true } });
    expect([...seen].sort()).toEqual(names.map((n) => n.name).sort());

    const all = (await csm.callTool({ name: 'list_accounts', arguments: { limit: 200 } })) as Paged;
    expect(all.structuredContent.table!.rows).toHaveLength(151);
    expect(all.structuredContent.nextCursor).toBeUndefined();

    // No arguments at all: every filter is optional.
    const atRisk = (await csm.callTool({ name: 'list_at_risk', arguments: {} })) as Paged;
    expect(atRisk.isError).toBeFalsy();
    const total = atRisk.structuredContent.page!.total;
    expect(total).toBeGreaterThan(0);
    expect(atRisk.structuredContent.table!.rows).toHaveLength(Math.min(total, 50));
    // A cursor from one query does not page another.
    if (atRisk.structuredContent.nextCursor) {
      const wrong = (await csm.callTool({
        name: 'list_accounts',
        arguments: { cursor: atRisk.structuredContent.nextCursor },
      })) as ToolResult;
      expect(wrong.isError).toBe(true);
    }
    const firstTwo = (await csm.callTool({ name: 'list_at_risk', arguments: { limit: 2 } })) as Paged;
    const rest = (await csm.callTool({
      name: 'list_at_risk',
      arguments: { limit: 200, cursor: firstTwo.structuredContent.nextCursor },
    })) as Paged;
    expect([...firstTwo.structuredContent.table!.rows, ...rest.structuredContent.table!.rows].map((r) => r[0])).toEqual(
      (
        (await csm.callTool({ name: 'list_at_risk', arguments: { limit: 200 } })) as Paged
      ).structuredContent.table!.rows.map((r) => r[0]),
    );
  });

  run('answers a misspelt account with an error and the call to make instead', async () => {
    const csm = await connect(tokens.csm);
    const result = (await csm.callTool({
      name: 'account_health',
      arguments: { account: 'Acme Crop' },
    })) as ToolResult & {
      structuredContent: { suggestions?: { tool: string; arguments: Record<string, unknown> }[] };
    };
    expect(result.isError).toBe(true);
    expect(result.structuredContent.suggestions).toContainEqual({
      tool: 'account_health',
      arguments: { account: 'Acme Corp' },
    });
    expect(result.content[0]!.text).toContain('Acme Corp');
    // Plain text for a model: no HTML entities.
    const text = JSON.stringify(await csm.callTool({ name: 'portfolio_summary', arguments: { scope: 'all' } }));
    expect(text).not.toMatch(/&amp;|&lt;|&gt;/);
    // Completions for the account argument, from the book.
    const completion = await csm.complete({
      ref: { type: 'ref/prompt', name: 'brief_me_on_account' },
      argument: { name: 'account', value: 'Acm' },
    });
    expect(completion.completion.values).toContain('Acme Corp');
    const outsider = await connect(tokens.client);
    const none = await outsider.complete({
      ref: { type: 'ref/resource', uri: 'tend://accounts/{account}/health' },
      argument: { name: 'account', value: 'Acm' },
    });
    expect(none.completion.values).toEqual([]);
  });

  const post = (token: string | undefined, message: object) =>
    fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...message }),
    });

  run('holds a token to its scopes and its expiry, and says which scope a call needs', async () => {
    const logNote = {
      method: 'tools/call',
      params: { name: 'log_note', arguments: { account: 'Acme Corp', text: 'read-only tried' } },
    };
    const refused = await post(tokens.readOnly, logNote);
    expect(refused.status).toBe(403);
    const challenge = refused.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="tend:write"');
    expect(await db.prisma.activity.count({ where: { title: { contains: 'read-only tried' } } })).toBe(0);
    // It reads as before.
    const reads = await post(tokens.readOnly, {
      method: 'tools/call',
      params: { name: 'account_health', arguments: { account: 'Acme Corp' } },
    });
    expect(reads.status).toBe(200);

    const expired = await post(tokens.expired, { method: 'tools/list', params: {} });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');

    // No token at all: the challenge without an error code (RFC 6750 §3.1), with the scopes to ask for.
    const anonymous = await post(undefined, { method: 'tools/list', params: {} });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).not.toContain('error=');
    expect(anonymous.headers.get('www-authenticate')).toContain('scope="tend:read tend:write"');
    const metadata = (await (await fetch(`${base}/.well-known/oauth-protected-resource`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata.scopes_supported).toEqual(['tend:read', 'tend:write']);
    // No identity provider: none is named, rather than an empty list.
    expect(metadata).not.toHaveProperty('authorization_servers');
  });

  run('makes a read-only token in chat, lists the person’s tokens and revokes one', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const say = (text: string) =>
      handleMessage(
        { prisma: db.prisma, now: () => testNow },
        { text, channel: 'slack', actor: { userId: alex.id, role: 'csm', external: false, place: 'dm' } },
      );
    const made = await say('connect a read-only AI assistant');
    expect(made.headline).toMatch(/^Your read-only AI assistant token \(([a-z0-9]{12})\), shown once:$/);
    const id = /\(([a-z0-9]{12})\)/.exec(made.headline)![1]!;
    const token = made.sections![0]!.lines[0]!;
    expect(
      (
        await post(token, {
          method: 'tools/call',
          params: { name: 'log_note', arguments: { account: 'Acme Corp', text: 'x' } },
        })
      ).status,
    ).toBe(403);

    const listed = await say('my assistant tokens');
    const row = listed.table!.rows.find((r) => r[0] === id)!;
    const expires = new Date(testNow.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
    // Last used: the refused write above, on the app's today.
    expect(row).toEqual([id, '', 'tend:read', '2026-09-14', expires, '2026-09-14', 'active']);
    expect(JSON.stringify(listed)).not.toContain(token);

    const revoked = await say(`revoke assistant token ${id}`);
    expect(revoked.tone).toBe('good');
    expect((await post(token, { method: 'tools/list', params: {} })).status).toBe(401);
    // Someone else's token is not theirs to revoke.
    const other = await db.prisma.mcpToken.findFirstOrThrow({ where: { userId: { not: alex.id }, revokedAt: null } });
    expect((await say(`revoke assistant token ${other.id}`)).tone).toBe('error');
    expect((await db.prisma.mcpToken.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();
  });

  run('asks the person through the assistant before an approval reaches the client, saying what it sends', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const run = await db.prisma.playRun.findFirstOrThrow({ where: { state: 'OPEN' }, include: { tasks: true } });
    const task = run.tasks[0]!;
    await db.prisma.playTask.update({
      where: { id: task.id },
      data: { state: 'AWAITING_APPROVAL', action: 'check_in_champion', message: 'Hi Dana, how is the rollout going?' },
    });
    const server = createMcpServer(
      { prisma: db.prisma, now: () => testNow },
      {
        userId: alex.id,
        role: 'csm',
        external: false,
        place: 'dm',
      },
    );
    const asked: string[] = [];
    const client = new Client({ name: 'asks-first', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return { action: 'decline' };
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    await client.connect(clientSide);
    const result = (await client.callTool({
      name: 'act_on_task',
      arguments: { taskId: task.id, action: 'approve' },
    })) as ToolResult;
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Hi Dana, how is the rollout going?');
    expect(asked[0]).toContain('check-in message');
    expect(result.structuredContent!.headline).toBe('Not approved: the person did not confirm. Nothing was sent.');
    expect((await db.prisma.playTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('AWAITING_APPROVAL');
    await client.close();
  });
});
