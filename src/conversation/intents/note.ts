import { z } from 'zod';
import { intentButton } from '../../replies/reply.js';
import { logNote } from '../../services/accounts/log-note.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount } from '../phrases.js';

export default defineIntent({
  name: 'note',
  // Absent text: the channel offers a form. Empty text (a blank form) is the use case's error to name.
  args: z.object({ account: accountText, text: z.string().max(20_000).optional() }),
  verbs: ['note', 'log a note'],
  access: 'writer',
  help: { group: 'Record', order: 10, line: 'note <account>: <text>: log a note (a touchpoint)' },
  rules: [
    {
      // "note Acme: called the CFO", "log a note for Acme: ..."
      priority: 40,
      match: ({ text }) => {
        const m = new RegExp(
          String.raw`^${slash}(?:note|log (?:a )?note (?:for|on|about))\s+([^:]+?)\s*(?::\s*([\s\S]*))?$`,
          'i',
        ).exec(text);
        return m ? { account: stripAccount(m[1]!), ...(m[2]?.trim() ? { text: m[2].trim() } : {}) } : undefined;
      },
    },
  ],
  async handle(context, args) {
    const found = await accountOrReply(context, args.account, sameRequestFor('note', 'note'));
    if (found.reply) return found.reply;
    const { account } = found;
    if (args.text === undefined)
      return {
        headline: `Log a note on ${account.name}`,
        tone: 'info',
        buttons: [
          intentButton(
            'Write the note',
            `note ${account.name}: `,
            'note',
            { account: account.name },
            { form: { kind: 'note', accountId: account.id, accountName: account.name }, style: 'primary' },
          ),
        ],
        sections: [{ lines: [`Or type: note ${account.name}: <what happened>`] }],
      };
    await logNote(
      context.deps.prisma,
      context.actor,
      { accountId: account.id, text: args.text, via: context.source === 'form' ? context.channel : 'chat' },
      context.now,
    );
    return { headline: `Note logged on ${account.name}.`, tone: 'good' };
  },
});
