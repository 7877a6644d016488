import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { getSuccessPlan } from '../../services/accounts/get-success-plan.js';
import { planReply } from '../account-replies.js';
import { accountOrReply, accountText, accountTool, accountVerbRule, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'success plan for {account}',
  'what are the goals for {account}',
  "show {account}'s success plan",
  '{account} goals',
  'how is {account} tracking against its goals',
  "progress on {account}'s plan",
  'what did we agree with {account}',
  'objectives for {account}',
  '{account} success plan',
  'where are we on the plan with {account}',
  'goals status {account}',
  'what outcomes is {account} aiming for',
  'show the plan for {account}',
  'how far along is {account} on its goals',
  '{account} plan progress',
];

export default defineIntent({
  name: 'plan',
  examples,
  fromText: accountArg(examples),
  args: z.object({ account: accountText }),
  verbs: ['plan'],
  access: 'reader',
  help: { group: 'Ask me', order: 60, line: 'plan <account>: the success plan and its goals' },
  rules: [
    {
      // "where are we with the success plan for Acme"
      priority: 55,
      match: ({ text }) => {
        const m = /\bsuccess plan (?:for|of|with) (.+)$/i.exec(text);
        return m ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    accountVerbRule('plan'),
  ],
  tool: accountTool('success_plan', 'The success plan and goals of one account'),
  async handle(context, { account }) {
    const found = await accountOrReply(context, account, sameRequestFor('plan', 'plan'));
    if (found.reply) return found.reply;
    return planReply(found.account, await getSuccessPlan(context.deps.prisma, found.account.id));
  },
});
