import { z } from 'zod';
import { getSuccessPlan } from '../../services/accounts/get-success-plan.js';
import { planReply } from '../account-replies.js';
import { accountOrReply, accountText, accountTool, accountVerbRule, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

export default defineIntent({
  name: 'plan',
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
