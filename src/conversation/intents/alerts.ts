import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { alertHistory } from '../../services/alerts/alert-history.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'my alerts',
  'open alerts',
  'what alerts do I have',
  'any alerts for {account}',
  'alerts for {account}',
  'show open alerts',
  'which alerts are firing',
  "what's alerting",
  'anything flagged for {account}',
  'do I have open alerts',
  'list alerts',
  'what has been flagged',
  'alerts on my accounts',
  'is anything alerting on {account}',
  'current alerts',
];

/** Alert history: of one account, else of the asker's book, else of everyone. */
export default defineIntent({
  name: 'alerts',
  examples,
  fromText: (phrase) => accountArg(examples)(phrase) ?? {},
  args: z.object({ account: accountText.optional() }),
  verbs: ['alerts?'],
  access: 'reader',
  rules: [
    {
      // "show my alerts", "my open alerts", "open alerts for Acme", "any alerts on Globex?"
      priority: 35,
      match: ({ text }) => {
        const m =
          /^(?:(?:show|list|see|get)(?: me)? |any |what are )?(?:my |our |the )?(?:open |new |active )?alerts(?: (?:for|on|about) (.+?))?\??$/i.exec(
            text.trim(),
          );
        return m ? (m[1] ? { account: stripAccount(m[1]) } : {}) : undefined;
      },
    },
    {
      priority: 36,
      match: ({ text }) => {
        const m = new RegExp(String.raw`^${slash}(?:alerts|alert history)(?:\s+(?:for\s+)?(.+))?$`, 'i').exec(text);
        return m ? (m[1] ? { account: stripAccount(m[1]) } : {}) : undefined;
      },
    },
  ],
  async handle(context, { account }) {
    const { actor } = context;
    let accountId: string | undefined;
    let scope = actor.userId ? 'your accounts' : 'all accounts';
    if (account) {
      const found = await accountOrReply(context, account, sameRequestFor('alerts', 'alerts'));
      if (found.reply) return found.reply;
      accountId = found.account.id;
      scope = found.account.name;
    }
    const alerts = await alertHistory(
      context.deps.prisma,
      accountId ? { accountId } : actor.userId ? { ownerId: actor.userId } : {},
    );
    return {
      headline: `${alerts.filter((a) => a.state !== 'RESOLVED').length} open alert(s) for ${scope}`,
      tone: alerts.some((a) => a.state === 'OPEN' && a.severity === 'CRITICAL') ? 'critical' : 'info',
      table: {
        columns: ['Opened', 'Account', 'Alert', 'Severity', 'State'],
        rows: alerts.map((a) => [
          a.openedAt.toISOString().slice(0, 10),
          a.accountName,
          a.title,
          a.severity.toLowerCase(),
          a.state.toLowerCase() + (a.resolvedAt ? ` ${a.resolvedAt.toISOString().slice(0, 10)}` : ''),
        ]),
      },
    };
  },
});
