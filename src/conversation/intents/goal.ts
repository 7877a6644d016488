import { z } from 'zod';
import { intentButton } from '../../replies/reply.js';
import { setGoal } from '../../services/accounts/set-goal.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount } from '../phrases.js';

const field = z.string().max(500);

export default defineIntent({
  name: 'goal',
  args: z.object({
    account: accountText,
    goal: z
      .object({
        title: field,
        kpi: field,
        baseline: field.optional(),
        target: field.optional(),
        dueDate: field.optional(),
      })
      .optional(),
  }),
  verbs: ['goal', 'set a goal'],
  access: 'writer',
  help: {
    group: 'Record',
    order: 20,
    line: 'goal <account>: <title> | <KPI> | <baseline> | <target> | <due YYYY-MM-DD>',
  },
  rules: [
    {
      // "goal Acme: Cut tickets | tickets per month | 40 | 20 | 2027-03-31"; without the colon, a form.
      priority: 42,
      match: ({ text }) => {
        const m = new RegExp(
          String.raw`^${slash}(?:goal|set (?:a )?goal (?:for|on))\s+([^:]+?)\s*(?::\s*(.*))?$`,
          'i',
        ).exec(text);
        if (!m) return undefined;
        const [title, kpi, baseline, target, dueDate] = (m[2] ?? '').split('|').map((p) => p.trim());
        return {
          account: stripAccount(m[1]!),
          ...(title
            ? {
                goal: {
                  title,
                  kpi: kpi ?? '',
                  ...(baseline ? { baseline } : {}),
                  ...(target ? { target } : {}),
                  ...(dueDate ? { dueDate } : {}),
                },
              }
            : {}),
        };
      },
    },
  ],
  async handle(context, args) {
    const found = await accountOrReply(context, args.account, sameRequestFor('goal', 'goal'));
    if (found.reply) return found.reply;
    const { account } = found;
    if (!args.goal)
      return {
        headline: `Set a success-plan goal for ${account.name}`,
        tone: 'info',
        buttons: [
          intentButton(
            'Set the goal',
            `goal ${account.name}: `,
            'goal',
            { account: account.name },
            { form: { kind: 'goal', accountId: account.id, accountName: account.name }, style: 'primary' },
          ),
        ],
        sections: [{ lines: [`Or type: goal ${account.name}: <title> | <KPI> | <baseline> | <target> | <due date>`] }],
      };
    const { goal } = args;
    const saved = await setGoal(context.deps.prisma, context.actor, { accountId: account.id, goal }, context.now);
    return {
      headline: `Goal "${goal.title}" added to ${saved.planTitle}.`,
      tone: 'good',
      buttons: [intentButton('Success plan', `plan ${account.name}`, 'plan', { account: account.name })],
    };
  },
});
