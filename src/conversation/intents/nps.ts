import { z } from 'zod';
import { accountArg } from '../nlu/account-from-text.js';
import { findAccountOrSegment } from '../../services/accounts/find-account.js';
import { npsResults } from '../../services/feedback/nps-results.js';
import { npsTrendChart } from '../../services/feedback/nps-trend-chart.js';
import { unmatchedReply } from '../account-replies.js';
import { sameRequestFor } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount, trailingPeriod } from '../phrases.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'net promoter score',
  'what is our NPS',
  'NPS score for {account}',
  'how likely are customers to recommend us',
  'promoters and detractors',
  'NPS trend',
  'latest NPS',
  'NPS of {account}',
  'how many promoters',
  'detractor count',
  'recommendation score',
  'NPS results',
  'survey scores for {account}',
  'what NPS did {account} give',
  'NPS this quarter',
  'what do promoters think',
  'how many detractors',
];

/** NPS for an account, a segment or everyone over a rolling period, with its trend and themes. */
export default defineIntent({
  name: 'nps',
  examples,
  fromText: (phrase) => {
    const { rest, days } = trailingPeriod(phrase.text);
    const account = accountArg(examples)({ text: rest })?.account;
    return { days: days ?? 90, ...(account ? { account } : {}) };
  },
  args: z.object({ account: z.string().trim().min(1).max(200).optional(), days: z.number().int().min(1).max(3650) }),
  verbs: ['nps'],
  access: 'reader',
  scoped: true,
  help: {
    group: 'Customer voice',
    order: 20,
    line: 'nps [account | segment | all] [30 | 12 weeks | 6 months | quarter | year]: NPS, response rate, themes',
  },
  rules: [
    {
      priority: 35,
      match: ({ text }) => {
        const m = new RegExp(String.raw`^${slash}nps(?:\s+(.*))?$`, 'i').exec(text);
        if (!m) return undefined;
        const { rest, days } = trailingPeriod(m[1]?.trim() ?? '');
        return { days: days ?? 90, ...(rest && rest.toLowerCase() !== 'all' ? { account: stripAccount(rest) } : {}) };
      },
    },
  ],
  async handle({ deps, now, scope: asked }, { account, days }) {
    // The trailing days are the period asked ("last 6 months", "this quarter" as its last 90 days).
    if (asked?.frame.period?.direction !== 'forward') asked?.use('period');
    const scope = await findAccountOrSegment(deps.prisma, account);
    if (scope.kind !== 'scope')
      return unmatchedReply(account!, scope, sameRequestFor('nps', 'nps', { days }, ` ${days}`));
    const [r, chart] = await Promise.all([
      npsResults(deps.prisma, scope, { days, now }),
      npsTrendChart(deps.prisma, scope, now),
    ]);
    const c = r.current;
    if (!c.responses) return { headline: `No NPS answers for ${scope.label} in the last ${days} days.`, tone: 'info' };
    return {
      ...(chart ? { chart } : {}),
      headline: `NPS ${c.nps! > 0 ? '+' : ''}${c.nps} for ${scope.label} (${days} days, ${c.responses} answers)${r.change === null ? '' : `, ${r.change > 0 ? '+' : ''}${r.change} vs the period before`}`,
      tone: c.nps! >= 30 ? 'good' : c.nps! >= 0 ? 'info' : 'warning',
      facts: [
        { label: 'Promoters (9-10)', value: String(c.promoters) },
        { label: 'Passives (7-8)', value: String(c.passives) },
        { label: 'Detractors (0-6)', value: String(c.detractors) },
        {
          label: 'Previous period',
          value: r.previous.nps === null ? 'no answers' : `${r.previous.nps} (${r.previous.responses} answers)`,
        },
        {
          label: 'Response rate',
          value: r.responseRate
            ? `${r.responseRate.pct} % (${r.responseRate.answered} of ${r.responseRate.sent} surveys sent by Tend)`
            : 'no surveys sent by Tend in this period',
        },
      ],
      ...(r.themes.length
        ? { sections: [{ title: 'Top themes', lines: r.themes.map((t) => `${t.label}: ${t.comments}`) }] }
        : {}),
    };
  },
});
