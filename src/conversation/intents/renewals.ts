import { formatMoney } from '../../core/metrics/format-money.js';
import { z } from 'zod';
import { listRenewals } from '../../services/portfolio/portfolio-queries.js';
import { defineIntent } from '../intent.js';
import { afterVerb } from '../phrases.js';

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
const countOf = (word: string | undefined) =>
  word === undefined ? undefined : (numberWords[word.toLowerCase()] ?? Number(word));

export default defineIntent({
  name: 'renewals',
  args: z.object({
    days: z.number().int().min(1).max(3650),
    mine: z.boolean().optional(),
    atRiskOnly: z.boolean().optional(),
  }),
  verbs: ['renewals'],
  access: 'reader',
  help: { group: 'Ask me', order: 40, line: 'renewals [days]: accounts renewing soon, with their health' },
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'renewals');
        if (rest === undefined) return undefined;
        return { days: Number(/\d+/.exec(rest)?.[0] ?? 90), ...(/\b(me|my|mine)\b/i.test(rest) ? { mine: true } : {}) };
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
        return {
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
  async handle({ deps, actor, now }, { days, mine, atRiskOnly }) {
    const all = await listRenewals(deps.prisma, {
      days,
      now,
      ...(mine && actor.userId ? { ownerId: actor.userId } : {}),
    });
    const risky = all.filter((a) => a.atRisk).length;
    const list = atRiskOnly ? all.filter((a) => a.atRisk) : all;
    return {
      headline: atRiskOnly
        ? `${risky} of ${all.length} renewal(s) in the next ${days} days are at risk`
        : `${all.length} renewal(s) in the next ${days} days, ${risky} at risk`,
      tone: risky ? 'warning' : 'info',
      table: {
        columns: ['Account', 'Renews', 'Days', 'Health', 'Band', 'ARR'],
        rows: list
          .slice(0, 25)
          .map((a) => [
            a.name,
            a.renewalDate!.toISOString().slice(0, 10),
            String(a.daysToRenewal),
            String(a.overall ?? ''),
            a.bandLabel ?? '',
            formatMoney(a.arr, a.currency),
          ]),
      },
      ...(list.length > 25 ? { sections: [{ lines: [`... and ${list.length - 25} more`] }] } : {}),
    };
  },
});
