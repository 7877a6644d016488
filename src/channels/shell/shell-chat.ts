import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { handleMessage, type ConversationDeps } from '../../conversation/handle-message.js';
import { renderReplyAsText } from './render-reply.js';

/** A terminal conversation with Tend, for trying it without Slack or Teams. Ends on "exit" or end of input. */
export async function runShellChat(deps: ConversationDeps, io: { input: Readable; output: Writable }): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  io.output.write('Tend shell chat. Ask about your accounts ("how is Acme doing?"), "help", or "exit".\n> ');
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text) {
      const reply = await handleMessage(deps, { text, channel: 'shell', place: 'dm', external: false });
      io.output.write(`${renderReplyAsText(reply)}\n`);
    }
    io.output.write('> ');
  }
  rl.close();
}
