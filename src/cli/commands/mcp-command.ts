import type { Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createConversationDeps } from '../../app/conversation-deps.js';
import { createMcpServer } from '../../channels/mcp/mcp-server.js';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logging/logger.js';
import {
  actorForUser,
  createMcpToken,
  defaultTokenDays,
  isTokenScope,
  listMcpTokens,
  McpTokenError,
  revokeMcpToken,
} from '../../services/mcp/mcp-tokens.js';
import { CommandError, createCliContext } from '../cli-context.js';

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never');

export function registerMcp(program: Command): void {
  const mcp = program
    .command('mcp')
    .description('Serve Tend to a local AI assistant over MCP (stdio), as a Tend user; tokens for remote ones')
    // --as before "tokens" is this command's; after it, the subcommand's own.
    .enablePositionalOptions()
    .option('--as <email>', 'the Tend user the assistant acts as (their role and book apply)')
    .action(async (options: { as?: string }) => {
      if (!options.as) throw new CommandError('tend mcp needs --as <email>: the Tend user the assistant acts as.', 2);
      // stdout carries the protocol: every log line goes to stderr.
      const config = loadConfig();
      const logger = createLogger({ level: config.log.level === 'info' ? 'warn' : config.log.level }, process.stderr);
      const db = await openDatabase(config.database, logger);
      const actor = await actorForUser(db.prisma, options.as);
      if (!actor) {
        await db.close();
        throw new CommandError(`--as ${options.as}: no such Tend user (the demo has alex@tend.example).`, 2);
      }
      const server = createMcpServer(createConversationDeps(db.prisma, config, logger), actor);
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        process.stdin.on('end', () => resolve());
      });
      await server.connect(transport);
      await closed;
      await server.close();
      await db.close();
    });

  const tokens = mcp
    .command('tokens')
    .description('Personal access tokens for AI assistants (shown once, hashed at rest)');
  tokens
    .command('create')
    .description('Create a token that acts as a Tend user; the token is shown once')
    .requiredOption('--as <email>', 'the Tend user it acts as')
    .option('--label <text>', 'what it is for, e.g. "Claude desktop"')
    .option('--scopes <list>', "what it may do: read, or read,write (the person's role still applies)", 'read,write')
    .option('--days <n>', `days until it expires (1 to 365)`, String(defaultTokenDays))
    .action(async (options: { as: string; label?: string; scopes: string; days: string }) => {
      const ctx = createCliContext({ quiet: true });
      const scopes = options.scopes.split(',').map((s) => s.trim().replace(/^(?!tend:)/, 'tend:'));
      const unknown = scopes.filter((s) => !isTokenScope(s));
      if (unknown.length || !scopes.length)
        throw new CommandError(`--scopes ${options.scopes}: use read, or read,write.`, 2);
      const days = Number(options.days);
      try {
        const created = await ctx.withDatabase((db) =>
          createMcpToken(db.prisma, {
            email: options.as,
            scopes: scopes.filter(isTokenScope),
            expiresInDays: days,
            ...(options.label ? { label: options.label } : {}),
          }),
        );
        ctx.out(
          `Token ${created.id} for ${created.email}, ${created.scopes.join(' ')}, expires ${when(created.expiresAt)} (shown once; store it in your assistant's settings):`,
        );
        ctx.out(created.token);
      } catch (error) {
        if (error instanceof McpTokenError) throw new CommandError(error.message, 2);
        throw error;
      }
    });
  tokens
    .command('list')
    .description(
      'Every token: whose, its scopes, when created, expiring and last used, revoked or not (never the secret)',
    )
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const list = await ctx.withDatabase((db) => listMcpTokens(db.prisma));
      if (!list.length) return ctx.out('No MCP tokens yet: tend mcp tokens create --as <email>');
      for (const t of list)
        ctx.out(
          `${t.id}  ${t.email}${t.label ? ` "${t.label}"` : ''}  ${t.scopes.join(' ')}  created ${when(t.createdAt)}  expires ${when(t.expiresAt)}  last used ${when(t.lastUsedAt)}${t.revokedAt ? `  REVOKED ${when(t.revokedAt)}` : ''}`,
        );
    });
  tokens
    .command('revoke <id>')
    .description('Revoke a token at once')
    .action(async (id: string) => {
      const ctx = createCliContext({ quiet: true });
      const done = await ctx.withDatabase((db) => revokeMcpToken(db.prisma, id, new Date()));
      if (!done) throw new CommandError(`No active token ${id} (see: tend mcp tokens list)`, 2);
      ctx.out(`Revoked ${id}.`);
    });
}
