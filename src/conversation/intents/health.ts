import { z } from 'zod';
import { getAccountHealth } from '../../services/scoring/get-account-health.js';
import { healthTrendChart } from '../../services/scoring/health-trend-chart.js';
import { unmatchedReply } from '../account-replies.js';
import { accountText, accountTool, accountVerbRule, sameRequestFor } from '../account-arg.js';
import { healthReply } from '../health-replies.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

export default defineIntent({
  name: 'health',
  args: z.object({ account: accountText }),
  verbs: ['health'],
  access: 'reader',
  help: { group: 'Ask me', order: 10, line: 'health <account>: score, band and what changed this week' },
  rules: [
    {
      // "how is Acme doing?", "status of Globex", "show me Initech" (not "show me at-risk accounts").
      priority: 53,
      match: ({ text }) => {
        const m =
          /^(?:how(?:'s| is| are)|what(?:'s| is) the (?:health score|health|score) (?:of|for)|health of|status of|what(?:'s| is) (?:going on|happening|up) (?:with|at)|show(?: me)?) (.+)$/i.exec(
            text,
          );
        if (!m || /\b(renew|renewal|at[- ]risk|portfolio|accounts|my book|my team|alerts?)\b/i.test(m[1]!))
          return undefined;
        return { account: stripAccount(m[1]!.replace(/^things (?:at|with) /i, '').replace(/\s+doing$/i, '')) };
      },
    },
    {
      // "is Globex healthy", "is Acme doing ok"
      priority: 53,
      match: ({ text }) => {
        const m = /^is (.+?) (?:healthy|doing (?:ok|okay|well|alright)|ok|okay)$/i.exec(text);
        return m && !/^(anything|anyone|any account)/i.test(m[1]!) ? { account: stripAccount(m[1]!) } : undefined;
      },
    },
    accountVerbRule('health'),
  ],
  tool: accountTool('account_health', 'Health score, band and recent change of one account'),
  async handle({ deps, now, channel }, { account }) {
    const lookup = await getAccountHealth(deps.prisma, account, now, { compareDays: 7 });
    if (lookup.kind !== 'found') return unmatchedReply(account, lookup, sameRequestFor('health', 'health'));
    // A chart is a picture for people in Slack and Teams; an assistant reads the figures (MCP results carry no chart).
    const chart = channel === 'mcp' ? undefined : await healthTrendChart(deps.prisma, lookup.report.account, now);
    return { ...healthReply(lookup.report), ...(chart ? { chart } : {}) };
  },
});
