import { z } from 'zod';
import { formatMoney } from '../../core/metrics/format-money.js';
import { intentButton } from '../../replies/reply.js';
import { listAtRisk } from '../../services/portfolio/portfolio-queries.js';
import { defineIntent } from '../intent.js';
import { pageArgs, pageOf } from '../paging.js';
import { afterVerb, filterFrom } from '../phrases.js';
import { accountScopeOf, groupedSection } from '../frame/scoped-filter.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'accounts at risk',
  'who might churn',
  'customers likely to leave',
  'which accounts are in danger',
  'risky accounts',
  'accounts we could lose',
  'at risk customers in {region}',
  'churn risk list',
  'which of my clients are at risk',
  'accounts in trouble',
  'show risky customers',
  'who is red',
  'at-risk accounts by ARR',
  'customers at risk of churning',
  'danger list',
];

const name = z.string().min(1).max(60);

/** "top 5 ... by ARR", "biggest 3 at-risk", "the 10 worst": how many, and in which order. */
function rankingFrom(lower: string): { top?: number; by?: 'arr' | 'health' } {
  const n = /\b(?:top|first|biggest|largest|worst|lowest)\s+(\d{1,3})\b/.exec(lower)?.[1];
  const byArr = /\bby (?:arr|revenue|size|value)\b|\b(?:biggest|largest)\b/.test(lower);
  return { ...(n ? { top: Number(n) } : {}), ...(byArr ? { by: 'arr' as const } : {}) };
}

export default defineIntent({
  name: 'at_risk',
  examples,
  fromText: (phrase) => ({ filter: filterFrom(phrase.lower), ...rankingFrom(phrase.lower) }),
  args: z.object({
    filter: z.object({
      segment: name.optional(),
      tier: name.optional(),
      region: name.optional(),
      mine: z.boolean().optional(),
    }),
    /** "top 5 at-risk by ARR": the N largest by ARR (or lowest by health), instead of the whole list. */
    top: z.number().int().min(1).max(100).optional(),
    by: z.enum(['arr', 'health']).optional(),
    page: pageArgs,
  }),
  verbs: ['at-?risk'],
  access: 'reader',
  scoped: true,
  help: { group: 'Ask me', order: 30, line: 'at-risk [segment | tier | region | mine]: accounts in at-risk bands' },
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'at-risk|atrisk');
        return rest === undefined
          ? undefined
          : { filter: filterFrom(rest.toLowerCase()), ...rankingFrom(rest.toLowerCase()) };
      },
    },
    {
      priority: 71,
      match: ({ lower }) =>
        /\bat[- ]?risk\b|\bchurn risks?\b|\bin (the )?red\b|\bred accounts\b|\bunhealthy\b|\bin trouble\b|\bstruggling\b/i.test(
          lower,
        )
          ? { filter: filterFrom(lower), ...rankingFrom(lower) }
          : undefined,
    },
  ],
  tool: {
    name: 'list_at_risk',
    description: 'Accounts in at-risk bands, optionally filtered',
    parameters: z.object({
      segment: z.string().min(1).max(200).nullable(),
      tier: z.string().min(1).max(200).nullable(),
      region: z.string().min(1).max(200).nullable(),
      mine: z.boolean().nullable(),
      top: z.number().int().min(1).max(100).nullable(),
      by: z.enum(['arr', 'health']).nullable(),
    }),
    toArgs: (p) => ({
      ...(typeof p.top === 'number' ? { top: p.top } : {}),
      ...(p.by === 'arr' || p.by === 'health' ? { by: p.by as 'arr' | 'health' } : {}),
      filter: {
        ...(typeof p.region === 'string' ? { region: p.region.toUpperCase() } : {}),
        ...(typeof p.tier === 'string' ? { tier: p.tier.toLowerCase() } : {}),
        ...(typeof p.segment === 'string' ? { segment: p.segment.toLowerCase() } : {}),
        ...(p.mine === true ? { mine: true } : {}),
      },
    }),
  },
  async handle(context, { filter, top, by, page }) {
    const { scope: accounts, label: scope } = accountScopeOf(context, filter);
    const all = await listAtRisk(context.deps.prisma, { scope: accounts });
    // ARR in one currency is comparable; across currencies the order is by amount as stored.
    const ranked = by === 'arr' ? [...all].sort((a, b) => Number(b.arr) - Number(a.arr)) : all;
    const list = top ? ranked.slice(0, top) : ranked;
    const shown = pageOf(list, page, 20);
    const grouped = groupedSection(context, all);
    // "What's our ARR at risk?": the sum, per currency (amounts in different currencies are not added).
    const arrAtRisk = new Map<string, number>();
    for (const a of all) arrAtRisk.set(a.currency, (arrAtRisk.get(a.currency) ?? 0) + Number(a.arr));
    return {
      headline: list.length
        ? top
          ? `Top ${list.length} of ${all.length} ${scope ? `${scope} ` : ''}at-risk account(s)${by === 'arr' ? ' by ARR' : ', lowest health first'}`
          : /^your\b|'s\b/.test(scope)
            ? `${list.length} of ${scope} accounts at risk`
            : `${list.length} ${scope ? `${scope} ` : ''}account(s) at risk`
        : /^your\b|'s\b/.test(scope)
          ? `None of ${scope} accounts is at risk.`
          : `No ${scope ? `${scope} ` : ''}accounts at risk.`,
      tone: list.length ? 'warning' : 'good',
      ...(all.length
        ? {
            facts: [
              {
                label: `ARR at risk (${all.length} account${all.length === 1 ? '' : 's'})`,
                value: [...arrAtRisk]
                  .sort((a, b) => b[1] - a[1])
                  .map(([currency, sum]) => formatMoney(sum, currency))
                  .join(' + '),
              },
            ],
          }
        : {}),
      table: {
        columns: ['Account', 'Health', 'Band', 'ARR', 'Owner', 'Renewal', 'This week'],
        rows: shown.rows.map((a) => [
          a.name,
          String(a.overall),
          a.bandLabel ?? '',
          formatMoney(a.arr, a.currency),
          a.ownerName ?? '',
          a.renewalDate?.toISOString().slice(0, 10) ?? '',
          a.changeSummary ?? '',
        ]),
      },
      sections: [...(grouped ? [grouped] : []), ...(shown.moreLine ? [{ lines: [shown.moreLine] }] : [])],
      ...(shown.page ? { page: shown.page } : {}),
      buttons: shown.rows
        .slice(0, 5)
        .map((a) => intentButton(`Why ${a.name}?`, `why ${a.name}`, 'why', { account: a.name })),
    };
  },
});
