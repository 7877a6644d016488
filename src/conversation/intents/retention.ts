import { z } from 'zod';
import { formatMoney } from '../../core/metrics/format-money.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { retentionFor } from '../../services/portfolio/retention.js';
import { teamOwnerIds } from '../../services/portfolio/team-members.js';
import { defineIntent } from '../intent.js';
import { filterFrom, periodIn } from '../phrases.js';

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

const name = z.string().min(1).max(60);
const dayMs = 86_400_000;

export default defineIntent({
  name: 'retention',
  examples,
  fromText: (phrase) => {
    const f = filterFrom(phrase.lower);
    return {
      days: Math.max(7, periodIn(phrase.lower) ?? 365),
      ...(f.segment ? { segment: f.segment } : {}),
      ...(f.region ? { region: f.region } : {}),
      ...(/\b(?:my|our) team\b/.test(phrase.lower) ? { team: true } : {}),
    };
  },
  args: z.object({
    /** The trailing period whose renewals are measured; a year by default. */
    days: z.number().int().min(7).max(3650),
    segment: name.optional(),
    region: name.optional(),
    tier: name.optional(),
    team: z.boolean().optional(),
    mine: z.boolean().optional(),
  }),
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
        const f = filterFrom(lower);
        const days = periodIn(lower) ?? 365;
        return {
          days: Math.max(7, days),
          ...(f.segment ? { segment: f.segment } : {}),
          ...(f.region ? { region: f.region } : {}),
          ...(f.tier ? { tier: f.tier } : {}),
          ...(/\b(?:my|our) team\b/.test(lower) ? { team: true } : f.mine ? { mine: true } : {}),
        };
      },
    },
  ],
  tool: {
    name: 'revenue_retention',
    description:
      'Net and gross revenue retention, logo churn and expansion of the renewals that came due in a period, per currency',
    parameters: z.object({
      days: z.number().int().min(7).max(3650).nullable(),
      segment: z.string().min(1).max(60).nullable(),
      region: z.string().min(1).max(60).nullable(),
    }),
    toArgs: (p) => ({
      days: typeof p.days === 'number' ? p.days : 365,
      ...(typeof p.segment === 'string' ? { segment: p.segment.toLowerCase() } : {}),
      ...(typeof p.region === 'string' ? { region: p.region.toUpperCase() } : {}),
    }),
  },
  async handle({ deps, actor, now }, { days, segment, region, tier, team, mine }) {
    const ownerIds =
      team && actor.userId
        ? await teamOwnerIds(deps.prisma, actor.userId)
        : mine && actor.userId
          ? [actor.userId]
          : undefined;
    const from = new Date(now.getTime() - days * dayMs);
    const figures = await retentionFor(deps.prisma, {
      from,
      to: now,
      ...(segment ? { segment } : {}),
      ...(region ? { region } : {}),
      ...(tier ? { tier } : {}),
      ...(ownerIds ? { ownerIds } : {}),
    });
    const scope = [tier, segment, region, team ? "your team's" : mine ? 'your' : ''].filter(Boolean).join(' ');
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
