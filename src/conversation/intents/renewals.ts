import { monthNames } from '../../core/lifecycle/calendar-period.js';
import { formatMoney } from '../../core/metrics/format-money.js';
import { z } from 'zod';
import { listRenewals } from '../../services/portfolio/portfolio-queries.js';
import { defineIntent } from '../intent.js';
import { pageArgs, pageOf } from '../paging.js';
import { afterVerb } from '../phrases.js';
import { accountScopeOf, groupedSection } from '../frame/scoped-filter.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'upcoming renewals',
  'what renews soon',
  'renewals coming up',
  'contracts up for renewal',
  'which accounts renew next',
  'renewal pipeline',
  'renewals due',
  'what is up for renewal this quarter',
  'renewing soon',
  'my renewals this month',
  'renewals at risk',
  'which renewals are risky',
  'contracts ending soon',
  'renewal calendar',
  'next renewals',
];

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  nine: 9,
  twelve: 12,
};
const months = monthNames;
const monthIn = (lower: string) => {
  const m = new RegExp(
    `\\b(?:in|for|during|this|next)\\s+(${months.join('|')}|${months.map((x) => x.slice(0, 3)).join('|')})\\b`,
  ).exec(lower);
  return m ? months.findIndex((x) => x.startsWith(m[1]!)) + 1 : undefined;
};

/** The next occurrence of a calendar month (this one if it has not ended): its first day and the day after it. */
function monthWindow(month: number, now: Date): { from: Date; to: Date; label: string } {
  let year = now.getUTCFullYear();
  if (Date.UTC(year, month, 1) <= now.getTime()) year++;
  const from = new Date(Date.UTC(year, month - 1, 1));
  return {
    from,
    to: new Date(Date.UTC(year, month, 1)),
    label: `${months[month - 1]![0]!.toUpperCase()}${months[month - 1]!.slice(1)} ${year}`,
  };
}

const countOf = (word: string | undefined) =>
  word === undefined ? undefined : (numberWords[word.toLowerCase()] ?? Number(word));

export default defineIntent({
  name: 'renewals',
  examples,
  fromText: (phrase) => ({
    days: Number(/(\d+)\s*days?/.exec(phrase.lower)?.[1] ?? 90),
    ...(monthIn(phrase.lower) ? { month: monthIn(phrase.lower)! } : {}),
    ...(/\b(my|mine|me)\b/.test(phrase.lower) ? { mine: true } : {}),
    ...(/\b(at[- ]?risk|risky|shaky)\b/.test(phrase.lower) ? { atRiskOnly: true } : {}),
  }),
  args: z.object({
    days: z.number().int().min(1).max(3650),
    mine: z.boolean().optional(),
    atRiskOnly: z.boolean().optional(),
    /** "renewals in December": that calendar month (its next occurrence), instead of the next `days`. */
    month: z.number().int().min(1).max(12).optional(),
    page: pageArgs,
  }),
  verbs: ['renewals'],
  access: 'reader',
  scoped: true,
  help: { group: 'Ask me', order: 40, line: 'renewals [days]: accounts renewing soon, with their health' },
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'renewals');
        if (rest === undefined) return undefined;
        const month = monthIn(rest.toLowerCase());
        return {
          // "renewals 30", "renewals 60 days"; not "renewals over 500k" (a threshold, read by the frame).
          days: Number(/(?:^|\s)(\d{1,4})(?:\s*(?:days?|d))?(?=\s|$)/.exec(rest)?.[1] ?? 90),
          ...(month ? { month } : {}),
          ...(/\b(me|my|mine)\b/i.test(rest) ? { mine: true } : {}),
        };
      },
    },
    {
      // "which renewals are at risk this quarter?", "accounts renewing in 6 months".
      priority: 70,
      match: ({ lower }) => {
        if (!/\brenew(al|als|s|ing)?\b/i.test(lower)) return undefined;
        const number = String.raw`(\d+|${Object.keys(numberWords).join('|')})`;
        const days = countOf(new RegExp(`${number}\\s*days?`, 'i').exec(lower)?.[1]);
        const months = countOf(new RegExp(`${number}\\s*months?`, 'i').exec(lower)?.[1]);
        const quarter = /this quarter|next quarter|quarter/i.test(lower) ? 90 : undefined;
        const month = monthIn(lower);
        return {
          ...(month ? { month } : {}),
          days: days ? Number(days) : months ? Number(months) * 30 : (quarter ?? 90),
          ...(/\b(my|mine|me)\b/i.test(lower) ? { mine: true } : {}),
          ...(/\bat[- ]?risk\b|\bshaky\b|\brisky\b|\bin danger\b/i.test(lower) ? { atRiskOnly: true } : {}),
        };
      },
    },
  ],
  tool: {
    name: 'list_renewals',
    description: 'Accounts renewing within a number of days, with their health',
    parameters: z.object({
      days: z.number().int().min(1).max(730),
      mine: z.boolean().nullable(),
      at_risk_only: z.boolean().nullable(),
    }),
    toArgs: (p) => ({
      days: p.days as number,
      ...(p.mine === true ? { mine: true } : {}),
      ...(p.at_risk_only === true ? { atRiskOnly: true } : {}),
    }),
  },
  async handle(context, { days: asked, mine, atRiskOnly, month, page }) {
    const { deps, now } = context;
    const { scope: accounts, label: scope } = accountScopeOf(context, { mine });
    // A calendar period asked in words ("this month", "before end of Q1") is the window; renewals
    // already past are not in it (this list looks forward).
    const period = context.scope?.frame.period;
    const calendar =
      period && period.direction !== 'back'
        ? {
            from: new Date(`${period.from}T00:00:00Z`),
            to: new Date(`${period.to}T00:00:00Z`),
            label: period.label,
          }
        : month
          ? monthWindow(month, now)
          : undefined;
    if (period && calendar) context.scope!.use('period');
    const window = calendar;
    const days = window ? Math.max(0, Math.ceil((window.to.getTime() - now.getTime()) / 86_400_000)) : asked;
    const all = (await listRenewals(deps.prisma, { days, now, scope: accounts })).filter(
      (a) => !window || (a.renewalDate! >= window.from && a.renewalDate! < window.to),
    );
    const when = window
      ? window.label.startsWith('today')
        ? `from ${window.label}`
        : `in ${window.label}`
      : `in the next ${days} days`;
    const whose = scope ? `${scope} ` : '';
    const grouped = groupedSection(context, all);
    const risky = all.filter((a) => a.atRisk).length;
    const list = atRiskOnly ? all.filter((a) => a.atRisk) : all;
    const shown = pageOf(list, page, 25);
    return {
      headline: atRiskOnly
        ? `${risky} of ${all.length} ${whose}renewal(s) ${when} are at risk`
        : `${all.length} ${whose}renewal(s) ${when}, ${risky} at risk`,
      tone: risky ? 'warning' : 'info',
      table: {
        columns: ['Account', 'Renews', 'Days', 'Health', 'Band', 'ARR'],
        rows: shown.rows.map((a) => [
          a.name,
          a.renewalDate!.toISOString().slice(0, 10),
          String(a.daysToRenewal),
          String(a.overall ?? ''),
          a.bandLabel ?? '',
          formatMoney(a.arr, a.currency),
        ]),
      },
      sections: [...(grouped ? [grouped] : []), ...(shown.moreLine ? [{ lines: [shown.moreLine] }] : [])],
      ...(shown.page ? { page: shown.page } : {}),
    };
  },
});
