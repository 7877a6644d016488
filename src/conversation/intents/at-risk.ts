import { z } from 'zod';
import { intentButton } from '../../replies/reply.js';
import { listAtRisk } from '../../services/portfolio/portfolio-queries.js';
import { defineIntent } from '../intent.js';
import { afterVerb, filterFrom } from '../phrases.js';

const name = z.string().min(1).max(60);

export default defineIntent({
  name: 'at_risk',
  args: z.object({
    filter: z.object({
      segment: name.optional(),
      tier: name.optional(),
      region: name.optional(),
      mine: z.boolean().optional(),
    }),
  }),
  verbs: ['at-?risk'],
  access: 'reader',
  help: { group: 'Ask me', order: 30, line: 'at-risk [segment | tier | region | mine]: accounts in at-risk bands' },
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'at-risk|atrisk');
        return rest === undefined ? undefined : { filter: filterFrom(rest.toLowerCase()) };
      },
    },
    {
      priority: 71,
      match: ({ lower }) =>
        /\bat[- ]?risk\b|\bin (the )?red\b|\bred accounts\b|\bcritical accounts\b|\bunhealthy\b|\bin trouble\b|\bstruggling\b/i.test(
          lower,
        )
          ? { filter: filterFrom(lower) }
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
    }),
    toArgs: (p) => ({
      filter: {
        ...(typeof p.region === 'string' ? { region: p.region.toUpperCase() } : {}),
        ...(typeof p.tier === 'string' ? { tier: p.tier.toLowerCase() } : {}),
        ...(typeof p.segment === 'string' ? { segment: p.segment.toLowerCase() } : {}),
        ...(p.mine === true ? { mine: true } : {}),
      },
    }),
  },
  async handle({ deps, actor }, { filter: { mine, ...filter } }) {
    const list = await listAtRisk(deps.prisma, {
      ...filter,
      ...(mine && actor.userId ? { ownerId: actor.userId } : {}),
    });
    const scope = [filter.tier, filter.segment, filter.region].filter(Boolean).join(' ');
    return {
      headline: list.length
        ? `${list.length} ${scope ? `${scope} ` : ''}account(s) at risk`
        : `No ${scope ? `${scope} ` : ''}accounts at risk.`,
      tone: list.length ? 'warning' : 'good',
      table: {
        columns: ['Account', 'Health', 'Band', 'Owner', 'Renewal', 'This week'],
        rows: list
          .slice(0, 20)
          .map((a) => [
            a.name,
            String(a.overall),
            a.bandLabel ?? '',
            a.ownerName ?? '',
            a.renewalDate?.toISOString().slice(0, 10) ?? '',
            a.changeSummary ?? '',
          ]),
      },
      ...(list.length > 20 ? { sections: [{ lines: [`... and ${list.length - 20} more`] }] } : {}),
      buttons: list.slice(0, 5).map((a) => intentButton(`Why ${a.name}?`, `why ${a.name}`, 'why', { account: a.name })),
    };
  },
});
