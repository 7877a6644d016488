import { formatMoney } from '../../core/metrics/format-money.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { retentionFor } from '../../services/portfolio/retention.js';
import { z } from 'zod';
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

const measures = ['nrr', 'grr', 'churn', 'expansion'] as const;
type Measure = (typeof measures)[number];

/** The figure a retention question asks for first: "NRR", "GRR", "our churn", "expansion this year". */
function measureIn(lower: string): Measure | undefined {
  if (/\bnrr\b|\bnet (?:revenue |dollar )?retention\b|\bndr\b/.test(lower)) return 'nrr';
  if (/\bgrr\b|\bgross (?:revenue |dollar )?retention\b|\bgdr\b/.test(lower)) return 'grr';
  if (
    !/\b(?:might|could|likely|going to|about to|will|at risk|risk)\b/.test(lower) &&
    /\blogo churn\b|\bchurn rate\b|\b(?:our|the|revenue|gross|net|total)\s+churn\b|\bwhat(?:'s| is| was)\s+(?:our\s+|the\s+)?churn\b|\bchurn(?:ed)?\s+(?:arr|revenue|last|this|so far|ytd)\b|\bhow (?:much|many)\b.*\bchurn(?:ed)?\b/.test(
      lower,
    )
  )
    return 'churn';
  if (
    /\bexpansion\b/.test(lower) &&
    !/\bexpansion (?:potential|opportunit|readiness|candidates|signals?)\b|\baccounts?\b|\bcustomers?\b/.test(lower)
  )
    return 'expansion';
  return undefined;
}

export default defineIntent({
  name: 'retention',
  examples,
  fromText: (phrase) => {
    const measure = measureIn(phrase.lower);
    return { ...kpiScopeFromText(phrase.lower), ...(measure ? { measure } : {}) };
  },
  args: kpiScopeArgs.extend({ measure: z.enum(measures).optional() }),
  verbs: ['retention'],
  access: 'reader',
  scoped: true,
  help: {
    group: 'Ask me',
    order: 55,
    line: 'retention [segment | region | my team]: NRR, GRR and logo churn of renewals',
  },
  rules: [
    {
      priority: 58,
      match: ({ lower }) => {
        const measure = measureIn(lower);
        if (
          !measure &&
          !/\b(?:net revenue retention|gross revenue retention|net retention|gross retention|revenue retention|dollar retention|retention)\b/.test(
            lower,
          )
        )
          return undefined;
        return { ...kpiScopeFromText(lower), ...(measure ? { measure } : {}) };
      },
    },
  ],
  tool: kpiTool(
    'revenue_retention',
    'Net and gross revenue retention, logo churn and expansion of the renewals that came due in a period, per currency',
  ),
  async handle({ deps, actor, now, scope: asked }, args) {
    const { filter, label: scope } = await resolveKpiScope(deps.prisma, actor, now, args, asked);
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
      headline: `${leadFigure(args.measure, main)}${scope ? ` (${scope} accounts)` : ''}: ${main.renewals} ${window} in ${main.currency}`,
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

/** The figure asked for first, then the rest: NRR for a question about NRR, logo churn for one about churn. */
function leadFigure(
  measure: Measure | undefined,
  f: {
    netRevenueRetention: number;
    grossRevenueRetention: number;
    expansion: number;
    logoChurn: number;
    churned: number;
    renewals: number;
  },
): string {
  if (measure === 'grr') return `Gross revenue retention ${f.grossRevenueRetention} % (net ${f.netRevenueRetention} %)`;
  if (measure === 'churn')
    return `Logo churn ${f.logoChurn} % (${f.churned} of ${f.renewals} renewals lost), gross revenue retention ${f.grossRevenueRetention} %`;
  if (measure === 'expansion')
    return `Expansion ${f.expansion} % of the ARR up for renewal (net revenue retention ${f.netRevenueRetention} %)`;
  return `Net revenue retention ${f.netRevenueRetention} %, gross ${f.grossRevenueRetention} %`;
}
