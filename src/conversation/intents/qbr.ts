import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { parseQuarter } from '../../core/qbr/quarter.js';
import { draftQbr } from '../../services/qbr/draft-qbr.js';
import { qbrFile } from '../../services/qbr/qbr-file.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { afterVerb, stripAccount } from '../phrases.js';
import { qbrDepsOf, qbrReply } from '../qbr-replies.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'prepare a quarterly review for {account}',
  'QBR for {account}',
  'draft the QBR of {account}',
  'business review {account}',
  'build QBR slides for {account}',
  'quarterly review deck {account}',
  'write up the quarter for {account}',
  '{account} QBR',
  'QBR document {account}',
  'make the QBR for {account}',
  'I need a QBR for {account}',
  'create a business review for {account}',
  'review the quarter with {account}',
  'generate a QBR for {account}',
  'quarterly business review deck for {account}',
];

const formatOf = (word: string): 'pptx' | 'docx' | undefined =>
  /^(?:deck|slides|pptx|powerpoint)$/i.test(word)
    ? 'pptx'
    : /^(?:document|doc|docx|word(?: document)?)$/i.test(word)
      ? 'docx'
      : undefined;

/** "Acme deck", "Acme 2026Q3 as a document": the format word, wherever it is, and the rest. */
function withoutFormat(rest: string): { rest: string; format?: 'pptx' | 'docx' } {
  const m = /\s*\b(?:as (?:a )?)?(deck|slides|pptx|powerpoint|docx|word document|document)\b\s*/i.exec(rest);
  if (!m) return { rest };
  return { rest: `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`.trim(), format: formatOf(m[1]!)! };
}

/** A quarterly business review draft for one account (the last completed quarter by default). */
export default defineIntent({
  name: 'qbr',
  examples,
  fromText: (phrase) => {
    const { rest, format } = withoutFormat(phrase.text);
    const account = accountArg(examples)({ text: rest })?.account;
    return account ? { account, ...(format ? { format } : {}) } : undefined;
  },
  args: z.object({
    account: accountText.optional(),
    quarter: z.string().max(20).optional(),
    /** A PowerPoint deck or a Word document, sent to the asker as a file; the draft in chat without. */
    format: z.enum(['pptx', 'docx']).optional(),
  }),
  verbs: ['qbr'],
  access: 'reader',
  slow: true,
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const asked = afterVerb(phrase, 'qbr');
        if (asked === undefined) return undefined;
        const { rest, format } = withoutFormat(asked.replace(/\s+(?:for )?(?:last|this|the last) quarter$/i, ''));
        const quarter = /\s((?:\d{4}\s?-?\s?Q[1-4])|(?:Q[1-4]\s?-?\s?\d{4}))$/i.exec(` ${rest}`);
        const account = stripAccount(quarter ? rest.slice(0, rest.length - quarter[0].length + 1).trim() : rest);
        return {
          ...(account ? { account } : {}),
          // "Q2 2026" and "2026 Q2" are both 2026Q2.
          ...(quarter
            ? {
                quarter: quarter[1]!
                  .replace(/\s|-/g, '')
                  .replace(/^(Q[1-4])(\d{4})$/i, '$2$1')
                  .toUpperCase(),
              }
            : {}),
          ...(format ? { format } : {}),
        };
      },
    },
    {
      // "draft a QBR for Globex", "quarterly business review with Acme".
      priority: 73,
      match: ({ text }) => {
        const m =
          /\b(?:qbr|quarterly (?:business )?review)\b(?: (deck|draft|slides|document|powerpoint|word document))?(?: (?:for|of|with) (.+))?$/i.exec(
            text,
          );
        if (!m) return undefined;
        const format = m[1] ? formatOf(m[1]) : undefined;
        return { ...(m[2] ? { account: stripAccount(m[2]) } : {}), ...(format ? { format } : {}) };
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
    // Without a quarter: the last completed one, or the current one so far for a new account.
    const quarter = args.quarter ? parseQuarter(args.quarter) : undefined;
    if (args.quarter && !quarter)
      return { headline: `"${args.quarter}" is not a quarter; write it like 2026Q3.`, tone: 'error' };
    const found = await accountOrReply(
      context,
      args.account,
      quarter
        ? sameRequestFor('qbr', 'qbr', { quarter: quarter.label }, ` ${quarter.label}`)
        : sameRequestFor('qbr', 'qbr'),
    );
    if (found.reply) return found.reply;
    const { deps } = context;
    const draft = await draftQbr(
      qbrDepsOf(deps),
      context.actor,
      { accountId: found.account.id, ...(quarter ? { quarter } : {}) },
      context.now,
    );
    if (!args.format) return qbrReply(draft);
    const file = await qbrFile(deps.prisma, draft, args.format);
    const kind = args.format === 'pptx' ? 'deck' : 'document';
    return {
      headline: `QBR ${kind} for ${draft.facts.account.name}, ${draft.facts.quarter.label}: sent to you as a file.`,
      tone: 'info',
      facts: [{ label: 'In it', value: file.summary }],
      file: { ...file, ref: { kind: 'qbr', draftId: draft.id, format: args.format } },
    };
  },
});
