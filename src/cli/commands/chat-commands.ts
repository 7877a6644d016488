import type { Command } from 'commander';
import { handleMessage } from '../../conversation/handle-message.js';
import { renderReplyAsText } from '../../channels/shell/render-reply.js';
import { runShellChat } from '../../channels/shell/shell-chat.js';
import type { PrismaClient } from '../../db/client.js';
import { CommandError, createCliContext } from '../cli-context.js';

/** The Tend user a terminal session speaks as (by email), so "my accounts" means theirs. */
async function resolveUser(prisma: PrismaClient, email: string | undefined): Promise<string | undefined> {
  if (!email) return undefined;
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  if (!user)
    throw new CommandError(
      `--as ${email}: no such user; see the users you imported (the demo has alex@tend.example).`,
      2,
    );
  return user.id;
}

export function registerChat(program: Command): void {
  program
    .command('ask <question...>')
    .description('Ask one question and print the answer, e.g. tend ask "how is Acme doing?"')
    .option('--as <email>', 'ask as this Tend user ("my accounts" are theirs)')
    .option('--json', 'print the channel-neutral reply as JSON')
    .action(async (words: string[], options: { as?: string; json?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const reply = await ctx.withDatabase(async (db) => {
        const userId = await resolveUser(db.prisma, options.as);
        return handleMessage(
          { prisma: db.prisma, now: () => new Date() },
          { text: words.join(' '), channel: 'shell', place: 'dm', external: false, ...(userId ? { userId } : {}) },
        );
      });
      ctx.out(options.json ? JSON.stringify(reply, null, 2) : renderReplyAsText(reply));
    });

  program
    .command('chat')
    .description('Talk to Tend in this terminal, as a CSM would in Slack or Teams')
    .option('--as <email>', 'chat as this Tend user ("my accounts" are theirs)')
    .action(async (options: { as?: string }) => {
      const ctx = createCliContext({ quiet: true });
      await ctx.withDatabase(async (db) => {
        const userId = await resolveUser(db.prisma, options.as);
        await runShellChat(
          { prisma: db.prisma, now: () => new Date() },
          { input: process.stdin, output: process.stdout, ...(userId ? { userId } : {}) },
        );
      });
    });
}
