import { z } from 'zod';
import { recomputeHealth } from '../../services/scoring/recompute-health.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { afterVerb, stripAccount } from '../phrases.js';

export default defineIntent({
  name: 'recompute',
  args: z.object({ account: accountText.optional() }),
  verbs: ['recompute'],
  access: 'admin',
  slow: true,
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'recompute');
        if (rest === undefined) return undefined;
        return rest && rest.toLowerCase() !== 'all' ? { account: stripAccount(rest) } : {};
      },
    },
  ],
  async handle(context, { account }) {
    let accountIds: string[] | undefined;
    if (account) {
      const found = await accountOrReply(context, account, sameRequestFor('recompute', 'recompute'));
      if (found.reply) return found.reply;
      accountIds = [found.account.id];
    }
    const result = await recomputeHealth(context.deps.prisma, {
      now: context.now,
      mode: 'all',
      ...(accountIds ? { accountIds } : {}),
    });
    return {
      headline: `Recomputed ${result.scored} account(s) in ${(result.ms / 1000).toFixed(1)} s; ${result.bandChanges.length} changed band.`,
      tone: 'good',
    };
  },
});
