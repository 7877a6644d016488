import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { getAccountHealth } from '../../services/scoring/get-account-health.js';
import { healthTrendChart } from '../../services/scoring/health-trend-chart.js';
import { unmatchedReply } from '../account-replies.js';
import { accountText, accountTool, accountVerbRule, sameRequestFor } from '../account-arg.js';
import { healthReply } from '../health-replies.js';
import { defineIntent } from '../intent.js';
import { stripAccount } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'how is {account} doing',
  "how's {account} looking",
  '{account} health',
  'health check for {account}',
  'what shape is {account} in',
  'is {account} in good health',
  'how healthy is {account} right now',
  'give me the health score for {account}',
  '{account} status',
  'status update on {account}',
  'how are things going at {account}',
  'check {account}',
  'is {account} ok',
  'score of {account}',
  'tell me how {account} is going',
  'any update on {account}',
  'where do we stand with {account}',
  'how is our relationship with {account}',
  'pull up {account}',
  '{account}?',
  'tell me about {account}',
  "what's the status of {account}",
  'news on {account}',
  'latest on {account}',
];

export default defineIntent({
  name: 'health',
  examples,
  fromText: accountArg(examples),
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
        if (
          !m ||
          /\b(renew|renewals?|at[- ]risk|portfolio|accounts|my book|my team|alerts?|nps|feedback|company|everyone|everybody|business|churn|retention|contacts|success plan|goals|qbr|data|sources)\b|^(?:we|us|our \w+)$/i.test(
            m[1]!,
          )
        )
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
