import { createConversationDeps } from '../../app/conversation-deps.js';
import type { Command } from 'commander';
import { startTurn } from '../../conversation/handle-message.js';
import { renderReplyAsText } from '../../channels/shell/render-reply.js';
import { runShellChat } from '../../channels/shell/shell-chat.js';
import type { PrismaClient } from '../../db/client.js';
import type { Actor } from '../../services/access/actor.js';
import { actorForEmail } from '../../services/access/identity.js';
import { CommandError, createCliContext } from '../cli-context.js';

/**
 * Who a terminal session speaks as: the Tend user given by email (so "my accounts" and their role
 * apply), else the operator of this installation, who has the terminal and so is an admin.
 */
export async function terminalActor(prisma: PrismaClient, email: string | undefined): Promise<Actor> {
  if (!email) return { role: 'admin', external: false, place: 'dm' };
  // A client contact who is also a Tend user is a client here too: they get what a client gets.
  const actor = await actorForEmail(prisma, email);
  if (!actor)
    throw new CommandError(
      `--as ${email}: no such user; see the users you imported (the demo has alex@tend.example).`,
      2,
    );
  return actor;
}

export function registerChat(program: Command): void {
  program
    .command('ask <question...>')
    .description('Ask one question and print the answer, e.g. tend ask "how is Acme doing?"')
    .option('--as <email>', 'ask as this Tend user ("my accounts" are theirs)')
    .option('--json', "print the reply as JSON, with the question's frame and the words it did not use")
    .option('--thread <id>', 'a conversation to continue: follow-ups ("and nrr?") edit its last question')
    .action(async (words: string[], options: { as?: string; json?: boolean; thread?: string }) => {
      const ctx = createCliContext({ quiet: true });
      if (options.thread !== undefined && !/^[\w.:-]{1,80}$/.test(options.thread))
        throw new CommandError(
          `--thread "${options.thread}": use letters, digits, '.', ':', '-' or '_' (at most 80)`,
          2,
        );
      const { reply, turn } = await ctx.withDatabase(async (db) => {
        const actor = await terminalActor(db.prisma, options.as);
        const turn = startTurn(createConversationDeps(db.prisma, ctx.config, ctx.logger), words.join(' '));
        const reply = await turn.reply({
          channel: 'shell',
          actor,
          ...(options.thread ? { conversationKey: `ask:${options.thread}` } : {}),
        });
        return { reply, turn };
      });
      ctx.out(
        options.json
          ? JSON.stringify(
              {
                ...reply,
                ...(turn.ran ? { intent: turn.ran.intent } : {}),
                frame: turn.frame ?? null,
                unusedWords: turn.unused ?? [],
              },
              null,
              2,
            )
          : renderReplyAsText(reply),
      );
    });

  program
    .command('chat')
    .description('Talk to Tend in this terminal, as a CSM would in Slack or Teams')
    .option('--as <email>', 'chat as this Tend user ("my accounts" are theirs)')
    .action(async (options: { as?: string }) => {
      const ctx = createCliContext({ quiet: true });
      await ctx.withDatabase(async (db) => {
        const actor = await terminalActor(db.prisma, options.as);
        await runShellChat(createConversationDeps(db.prisma, ctx.config, ctx.logger), {
          input: process.stdin,
          output: process.stdout,
          actor,
        });
      });
    });
}
