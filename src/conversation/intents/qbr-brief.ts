import { z } from 'zod';
import { parseQuarter } from '../../core/qbr/quarter.js';
import { prepareQbrBrief } from '../../services/qbr/qbr-brief.js';
import { accountArg } from '../nlu/account-from-text.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';
import { qbrDepsOf } from '../qbr-replies.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'prep me for the {account} QBR',
  'prep me for {account} QBR',
  'QBR prep {account}',
  'QBR brief for {account}',
  'brief me for the {account} QBR',
  'prepare me for the QBR with {account}',
  'what should I know before the {account} QBR',
  'internal QBR brief {account}',
  'get me ready for the {account} business review',
  'talking points for the {account} QBR',
  'QBR talking points {account}',
  'prep notes for {account} QBR',
  'brief me before the {account} quarterly review',
  'help me prepare for the {account} QBR',
  'QBR prep notes {account}',
];

const quarterAtEnd = /\s((?:\d{4}\s?-?\s?Q[1-4])|(?:Q[1-4]\s?-?\s?\d{4}))$/i;

/** "Acme 2026Q3", "Acme Q3 2026": the account and the quarter, "2026Q3". */
function accountAndQuarter(text: string): { account: string; quarter?: string } {
  const q = quarterAtEnd.exec(` ${text}`);
  const account = stripAccount(q ? text.slice(0, text.length - q[0].length + 1).trim() : text);
  return {
    account,
    ...(q
      ? {
          quarter: q[1]!
            .replace(/\s|-/g, '')
            .replace(/^(Q[1-4])(\d{4})$/i, '$2$1')
            .toUpperCase(),
        }
      : {}),
  };
}

/**
 * The account team's internal prep brief for a QBR: talking points, the risks as Tend sees them,
 * open plays and sources. What the client deck leaves out on purpose; never for a shared channel.
 */
export default defineIntent({
  name: 'qbr_brief',
  examples,
  fromText: (phrase) => {
    const account = accountArg(examples)(phrase)?.account;
    return account ? { account } : undefined;
  },
  args: z.object({ account: accountText, quarter: z.string().max(20).optional() }),
  access: 'reader',
  slow: true,
  help: {
    group: 'Ask me',
    order: 95,
    line: 'prep me for the <account> QBR: the internal brief (talking points, risks, plays, sources)',
  },
  rules: [
    {
      // "prep me for the Acme QBR", "brief me for Acme's QBR 2026Q3", "QBR prep Acme", "qbr brief for Acme".
      priority: 52,
      match: ({ text }) => {
        const m =
          /^(?:\/tend\s+)?(?:(?:prep|prepare|brief|ready) me (?:for|before) (?:the |our |my )?(.+?)(?:'s)? (?:qbr|quarterly (?:business )?review)(?: (\S+(?: \S+)?))?|qbr (?:prep|brief|talking points)(?: notes)?(?: (?:for|on|of))? (.+?))\??$/i.exec(
            text.trim(),
          );
        if (!m) return undefined;
        return accountAndQuarter(m[1] ? `${m[1]}${m[2] ? ` ${m[2]}` : ''}` : m[3]!);
      },
    },
  ],
  async handle(context, args) {
    const quarter = args.quarter ? parseQuarter(args.quarter) : undefined;
    if (args.quarter && !quarter)
      return { headline: `"${args.quarter}" is not a quarter; write it like 2026Q3.`, tone: 'error' };
    const found = await accountOrReply(context, args.account, sameRequestFor('qbr_brief', 'qbr brief for'));
    if (found.reply) return found.reply;
    const { deps } = context;
    const brief = await prepareQbrBrief(
      qbrDepsOf(deps),
      context.actor,
      { accountId: found.account.id, ...(quarter ? { quarter } : {}) },
      context.now,
    );
    return {
      headline: brief.title,
      tone: 'info',
      facts: [{ label: 'Internal', value: brief.note }],
      sections: [...brief.sections, { lines: [`Every figure with its id: tend qbr "${found.account.name}" --brief`] }],
    };
  },
});
