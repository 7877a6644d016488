import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
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
  const tokens: Record<'csm' | 'viewer' | 'client' | 'resident', string> = {
    csm: '',
    viewer: '',
    client: '',
    resident: '',
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
    const mine = (await csm.callTool({ name: 'my_tasks', arguments: { days: null, overdue: null } })) as ToolResult & {
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
});
