import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { findAccountOrSegment } from '../../services/accounts/find-account.js';
import { summariseCustomerFeedback } from '../../services/feedback/summarise-feedback.js';
import { unmatchedReply } from '../account-replies.js';
import { feedbackReply } from '../feedback-replies.js';
import { sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { afterVerb, stripAccount, trailingPeriod } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'what are customers saying',
  'customer feedback',
  'comments from {account}',
  'what did {account} tell us',
  'complaints',
  'what is {account} unhappy about',
  'feedback themes',
  'voice of customer for {account}',
  'summarise what clients said',
  'recent feedback',
  'any negative comments',
  'what do users think of us',
  'feedback from {account}',
  'sentiment of comments',
  'what are the common complaints',
  'what did {account} say about the product',
  'what do customers say',
];

/** What clients say about one account, a segment or everyone, summarised. */
export default defineIntent({
  name: 'feedback',
  examples,
  fromText: (phrase) => {
    const { rest, days } = trailingPeriod(phrase.text);
    const account = accountArg(examples)({ text: rest })?.account;
    return { days: days ?? 90, ...(account ? { account } : {}) };
  },
  args: z.object({ account: z.string().trim().min(1).max(200).optional(), days: z.number().int().min(1).max(3650) }),
  verbs: ['feedback'],
  access: 'reader',
  scoped: true,
  slow: true,
  help: {
    group: 'Customer voice',
    order: 10,
    line: 'feedback <account | segment | all>: what clients say, summarised',
  },
  rules: [
    {
      priority: 50,
      match: ({ text }) => {
        const m =
          /^what (?:are|do|did|have) (?:customers|clients|people|users|they)(?: been)? (?:saying|said|think|thought)(?: about| of)? (.+)$/i.exec(
            text,
          );
        return m ? { account: stripAccount(m[1]!), days: 90 } : undefined;
      },
    },
    {
      // "what are Initrode's users complaining about?"
      priority: 50,
      match: ({ text }) => {
        const m =
          /^what (?:are|is) (.+?)(?:['’]s)? (?:users|customers|clients|people|team) (?:complaining|saying|asking|unhappy) about$/i.exec(
            text,
          );
        return m ? { account: stripAccount(m[1]!), days: 90 } : undefined;
      },
    },
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'feedback');
        if (rest === undefined) return undefined;
        const days = /\s(\d+)\s*(?:days?|d)?$/i.exec(` ${rest}`);
        const account = stripAccount(days ? rest.slice(0, rest.length - days[0].length + 1).trim() : rest);
        return { days: days ? Number(days[1]) : 90, ...(account && account !== 'all' ? { account } : {}) };
      },
    },
  ],
  tool: {
    name: 'feedback_summary',
    description: 'What customers of one account are saying',
    parameters: z.object({ account: z.string().min(1).max(200) }),
    toArgs: (p) => ({ account: p.account as string, days: 90 }),
  },
  async handle({ deps, now, scope: asked }, { account, days }) {
    // The trailing days are the period asked ("last 6 months", "this quarter" as its last 90 days).
    if (asked?.frame.period?.direction !== 'forward') asked?.use('period');
    const scope = await findAccountOrSegment(deps.prisma, account);
    if (scope.kind !== 'scope')
      return unmatchedReply(account!, scope, sameRequestFor('feedback', 'feedback', { days }, ` ${days}`));
    const { summary, wording } = await summariseCustomerFeedback(
      {
        prisma: deps.prisma,
        ...(deps.llm ? { llm: deps.llm } : {}),
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.redactPii === undefined ? {} : { redactPii: deps.redactPii }),
      },
      scope,
      { days, now },
    );
    return feedbackReply(scope.label, summary, wording);
  },
});
