import type { Command } from 'commander';
import { handleMessage } from '../../conversation/handle-message.js';
import { renderReplyAsText } from '../../channels/shell/render-reply.js';
import { runShellChat } from '../../channels/shell/shell-chat.js';
import { createCliContext } from '../cli-context.js';

export function registerChat(program: Command): void {
  program
    .command('ask <question...>')
    .description('Ask one question and print the answer, e.g. tend ask "how is Acme doing?"')
    .action(async (words: string[]) => {
      const ctx = createCliContext({ quiet: true });
      const reply = await ctx.withDatabase((db) =>
        handleMessage(
          { prisma: db.prisma, now: () => new Date() },
          { text: words.join(' '), channel: 'shell', place: 'dm', external: false },
        ),
      );
      ctx.out(renderReplyAsText(reply));
    });

  program
    .command('chat')
    .description('Talk to Tend in this terminal, as a CSM would in Slack or Teams')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      await ctx.withDatabase((db) =>
        runShellChat({ prisma: db.prisma, now: () => new Date() }, { input: process.stdin, output: process.stdout }),
      );
    });
}
