import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { handleCall, handleMessage, type ConversationDeps } from '../../conversation/handle-message.js';
import type { ReplyButton } from '../../replies/reply.js';
import type { Actor } from '../../services/access/actor.js';
import { renderReplyAsText } from './render-reply.js';

/**
 * A terminal conversation with Tend, for trying it without Slack or Teams. A reply's buttons are
 * offered as numbered choices: typing the number runs the button. Ends on "exit" or end of input.
 */
export async function runShellChat(
  deps: ConversationDeps,
  io: { input: Readable; output: Writable; actor: Actor },
): Promise<void> {
  // In a real terminal, readline keeps a history (arrow keys recall earlier questions).
  const terminal = (io.input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: io.input, output: io.output, terminal, historySize: 200 });
  io.output.write('Tend shell chat. Ask about your accounts ("how is Acme doing?"), "help", or "exit".\n> ');
  let choices: ReplyButton[] = [];
  // One terminal session is one conversation: follow-ups resolve within it.
  const origin = { channel: 'shell' as const, actor: io.actor, conversationKey: randomUUID() };
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    const choice = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
    if (choice || text) {
      // A numbered choice runs its button's intent; forms have no terminal, so their command is typed.
      const reply =
        choice?.call && !choice.form
          ? await handleCall(deps, choice.call, origin)
          : await handleMessage(deps, { ...origin, text: choice?.command ?? text });
      choices = reply.buttons ?? [];
      io.output.write(`${renderReplyAsText(reply, { numberedButtons: true })}\n`);
    }
    io.output.write('> ');
  }
  rl.close();
}
