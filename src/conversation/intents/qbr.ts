import { z } from 'zod';
import { lastCompletedQuarter, parseQuarter } from '../../core/qbr/quarter.js';
import { draftQbr } from '../../services/qbr/draft-qbr.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { afterVerb, stripAccount } from '../phrases.js';
import { qbrReply } from '../qbr-replies.js';

/** A quarterly business review draft for one account (the last completed quarter by default). */
export default defineIntent({
  name: 'qbr',
  args: z.object({ account: accountText.optional(), quarter: z.string().max(20).optional() }),
  verbs: ['qbr'],
  access: 'reader',
  slow: true,
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'qbr');
        if (rest === undefined) return undefined;
        const quarter = /\s((?:\d{4}\s?-?\s?Q[1-4])|(?:Q[1-4]\s?-?\s?\d{4}))$/i.exec(` ${rest}`);
        const account = stripAccount(quarter ? rest.slice(0, rest.length - quarter[0].length + 1).trim() : rest);
        return {
          ...(account ? { account } : {}),
          ...(quarter ? { quarter: quarter[1]!.replace(/\s|-/g, '') } : {}),
        };
      },
    },
    {
      // "draft a QBR for Globex", "quarterly business review with Acme".
      priority: 73,
      match: ({ text }) => {
        const m =
          /\b(?:qbr|quarterly (?:business )?review)\b(?: (?:deck|draft|slides|document))?(?: (?:for|of|with) (.+))?$/i.exec(
            text,
          );
        return m ? (m[1] ? { account: stripAccount(m[1]) } : {}) : undefined;
      },
    },
  ],
  tool: {
    name: 'draft_qbr',
    description: 'A quarterly business review draft for one account',
    parameters: z.object({ account: z.string().min(1).max(200) }),
    toArgs: (p) => ({ account: p.account as string }),
  },
  async handle(context, args) {
    if (!args.account)
      return {
        headline: 'Which account? e.g. "qbr Acme" or "qbr Acme 2026Q3".',
        tone: 'info',
        suggestions: ['qbr Acme'],
      };
    const quarter = args.quarter ? parseQuarter(args.quarter) : lastCompletedQuarter(context.now);
    if (!quarter) return { headline: `"${args.quarter}" is not a quarter; write it like 2026Q3.`, tone: 'error' };
    const found = await accountOrReply(
      context,
      args.account,
      sameRequestFor('qbr', 'qbr', { quarter: quarter.label }, ` ${quarter.label}`),
    );
    if (found.reply) return found.reply;
    const { deps } = context;
    const draft = await draftQbr(
      {
        prisma: deps.prisma,
        ...(deps.llm ? { llm: deps.llm } : {}),
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.redactPii === undefined ? {} : { redactPii: deps.redactPii }),
      },
      context.actor,
      { accountId: found.account.id, quarter },
      context.now,
    );
    return qbrReply(draft);
  },
});
