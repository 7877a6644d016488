import { z } from 'zod';
import { triggeredBy } from '../../core/surveys/survey-definitions.js';
import { logNote } from '../../services/accounts/log-note.js';
import { loadSurveyCatalogue } from '../../services/surveys/survey-catalogue.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount } from '../phrases.js';

/** A milestone reached ("milestone Acme: onboarding complete"); surveys may follow it. */
export default defineIntent({
  name: 'milestone',
  args: z.object({ account: accountText, text: z.string().max(20_000).optional() }),
  verbs: ['milestone'],
  access: 'writer',
  help: {
    group: 'Record',
    order: 40,
    line: 'milestone <account>: <milestone>: e.g. onboarding complete (a CSAT survey follows)',
  },
  rules: [
    {
      priority: 41,
      match: ({ text }) => {
        const m = new RegExp(String.raw`^${slash}milestone\s+([^:]+?)\s*(?::\s*([\s\S]*))?$`, 'i').exec(text);
        return m ? { account: stripAccount(m[1]!), ...(m[2]?.trim() ? { text: m[2].trim() } : {}) } : undefined;
      },
    },
  ],
  async handle(context, args) {
    const { deps, actor, now } = context;
    const found = await accountOrReply(context, args.account, sameRequestFor('milestone', 'milestone'));
    if (found.reply) return found.reply;
    const { account } = found;
    if (!args.text)
      return { headline: `Type: milestone ${account.name}: <the milestone, e.g. onboarding complete>`, tone: 'info' };
    const title = args.text;
    await logNote(deps.prisma, actor, { accountId: account.id, text: title, via: 'chat', kind: 'milestone' }, now);
    const follow = (await loadSurveyCatalogue(deps.prisma)).filter((d) =>
      triggeredBy(d, { kind: 'milestone', title, occurredAt: now }, now),
    );
    return {
      headline: `Milestone logged on ${account.name}: ${title}.`,
      tone: 'good',
      ...(follow.length
        ? {
            sections: [
              {
                lines: [
                  `The ${follow.map((d) => d.key.toUpperCase()).join(' and ')} survey follows at the next survey dispatch (contacts surveyed in the last ${deps.surveys?.policy.minDaysBetween ?? 30} days are skipped).`,
                ],
              },
            ],
          }
        : {}),
    };
  },
});
