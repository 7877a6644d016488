import { z } from 'zod';
import { snoozeAlerts } from '../../services/accounts/snooze-alerts.js';
import { accountOrReply, accountText, sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount } from '../phrases.js';

export default defineIntent({
  name: 'snooze',
  args: z.object({ account: accountText, days: z.number().int().min(0).max(3650) }),
  verbs: ['snooze'],
  access: 'writer',
  help: { group: 'Record', order: 30, line: 'snooze <account> [days]: hold back its alerts (default 7 days)' },
  rules: [
    {
      // "snooze Acme 14", "snooze alerts for Acme for 14 days".
      priority: 43,
      match: ({ text }) => {
        const m = new RegExp(
          String.raw`^${slash}snooze\s+(?:(?:the\s+)?alerts\s+(?:for|on)\s+)?(.+?)(?:\s+alerts)?(?:\s+(?:for\s+)?(\d+)(?:\s*days?)?)?$`,
          'i',
        ).exec(text);
        return m ? { account: stripAccount(m[1]!), days: m[2] ? Number(m[2]) : 7 } : undefined;
      },
    },
  ],
  async handle(context, { account, days }) {
    const found = await accountOrReply(context, account, sameRequestFor('snooze', 'snooze', { days }, ` ${days}`));
    if (found.reply) return found.reply;
    const done = await snoozeAlerts(
      context.deps.prisma,
      context.actor,
      { accountId: found.account.id, days },
      context.now,
    );
    return {
      headline: `Alerts for ${done.accountName} are snoozed until ${done.until.toISOString().slice(0, 10)}.`,
      tone: 'good',
      ...(done.snoozedAlerts ? { sections: [{ lines: [`${done.snoozedAlerts} open alert(s) snoozed.`] }] } : {}),
    };
  },
});
