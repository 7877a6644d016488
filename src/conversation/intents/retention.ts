import { formatMoney } from '../../core/metrics/format-money.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { retentionFor } from '../../services/portfolio/retention.js';
import { defineIntent } from '../intent.js';
import { kpiScopeArgs, kpiScopeFromText, kpiTool, resolveKpiScope } from '../kpi-scope.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'revenue retention',
  'how much ARR did we keep',
  'net dollar retention',
  'gross dollar retention',
  'churned revenue',
  'how many customers churned',
  'logo retention',
  'retention rate',
  'what percent of revenue renewed',
  'expansion revenue rate',
  'did we grow existing accounts',
  'customer churn rate',
  'how much did we lose to churn',
  'retention KPIs',
  'NRR and GRR',
];

export default defineIntent({
  name: 'retention',
  examples,
  fromText: (phrase) => kpiScopeFromText(phrase.lower),
  args: kpiScopeArgs,
  verbs: ['retention'],
  access: 'reader',
  help: {
    group: 'Ask me',
    order: 55,
    line: 'retention [segment | region | my team]: NRR, GRR and logo churn of renewals',
  },
  rules: [
    {
      priority: 58,
      match: ({ lower }) => {
        if (
          !/\b(?:nrr|grr|net revenue retention|gross revenue retention|net retention|gross retention|revenue retention|dollar retention|logo churn|churn rate|retention)\b/.test(
            lower,
          )
        )
          return undefined;
        return kpiScopeFromText(lower);
      },
    },
  ],
  tool: kpiTool(
    'revenue_retention',
    'Net and gross revenue retention, logo churn and expansion of the renewals that came due in a period, per currency',
  ),
  async handle({ deps, actor, now }, args) {
    const { filter, label: scope } = await resolveKpiScope(deps.prisma, actor, now, args);
    const from = filter.from;
    const figures = await retentionFor(deps.prisma, filter);
    const window = `renewals due ${isoDay(from)} to ${isoDay(now)}`;
    const measured = figures.filter((f) => f.kind === 'measured');
    if (!measured.length)
      return {
        headline: `Not enough data for retention${scope ? ` (${scope} accounts)` : ''}: ${figures.reduce((s, f) => s + f.renewals, 0)} ${window}; at least 5 per currency are needed.`,
        tone: 'info',
        suggestions: ['retention last 2 years'],
      };
    const main = measured[0]!;
    return {
      headline: `Net revenue retention ${main.netRevenueRetention} %, gross ${main.grossRevenueRetention} %${scope ? ` (${scope} accounts)` : ''}: ${main.renewals} ${window} in ${main.currency}`,
      tone: main.grossRevenueRetention >= 90 ? 'good' : main.grossRevenueRetention >= 80 ? 'info' : 'warning',
      table: {
        columns: ['Currency', 'Renewals', 'ARR up for renewal', 'ARR after', 'NRR', 'GRR', 'Expansion', 'Logo churn'],
        rows: figures.map((f) =>
          f.kind === 'measured'
            ? [
                f.currency,
                String(f.renewals),
                formatMoney(f.arrUp, f.currency),
                formatMoney(f.arrAfter, f.currency),
                `${f.netRevenueRetention} %`,
                `${f.grossRevenueRetention} %`,
                `${f.expansion} %`,
                `${f.logoChurn} % (${f.churned})`,
              ]
            : [f.currency, String(f.renewals), 'not enough data', '', '', '', '', ''],
        ),
      },
      sections: [
        {
          lines: [
            'Of the ARR that came up for renewal: gross retention counts what stayed (churn and contraction lost, expansion not counted), net adds expansion. Currencies are not converted or added.',
            ...measured
              .filter((f) => f.withoutArr)
              .map((f) => `${f.currency}: ${f.withoutArr} renewal(s) without ARR left out of the revenue figures.`),
          ],
        },
      ],
    };
  },
});
