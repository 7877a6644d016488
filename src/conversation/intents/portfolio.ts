import { formatMoney } from '../../core/metrics/format-money.js';
import { z } from 'zod';
import { intentButton } from '../../replies/reply.js';
import { portfolioArrChart } from '../../services/portfolio/portfolio-arr-chart.js';
import { portfolioSummary, rows } from '../../services/portfolio/portfolio-queries.js';
import { inScope, type AccountScope } from '../../core/portfolio/account-scope.js';
import type { IntentContext } from '../intent.js';
import { teamOwnerIds } from '../../services/portfolio/team-members.js';
import { defineIntent } from '../intent.js';
import { afterVerb } from '../phrases.js';
import { accountScopeOf, groupedSection } from '../frame/scoped-filter.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'how is the book doing',
  'state of my accounts',
  'summary of my portfolio',
  'overview please',
  'how are we doing overall',
  'give me the big picture',
  'portfolio health',
  'how is the business doing',
  'team overview',
  "how is my team's book",
  'company-wide summary',
  'all accounts summary',
  'my book of business',
  'how many customers do I manage',
  'overall account health',
  'how is everyone doing',
];

type Scope = 'me' | 'team' | 'all';

export default defineIntent({
  name: 'portfolio',
  examples,
  fromText: (phrase): { scope: Scope } => ({
    scope: /\b(team)\b/.test(phrase.lower)
      ? 'team'
      : /\b(all|everyone|company|business|overall)\b/.test(phrase.lower)
        ? 'all'
        : 'me',
  }),
  args: z.object({ scope: z.enum(['me', 'team', 'all']) }),
  verbs: ['portfolio'],
  access: 'reader',
  scoped: true,
  slow: true,
  help: { group: 'Ask me', order: 50, line: 'portfolio [me | team | all]: counts and ARR by band' },
  rules: [
    {
      priority: 60,
      match: (phrase) => {
        const rest = afterVerb(phrase, 'portfolio');
        if (rest === undefined) return undefined;
        const scope: Scope = rest === 'me' || rest === 'team' ? rest : rest === '' ? 'me' : 'all';
        return { scope };
      },
    },
    {
      // "how is my team doing?", "how many accounts do I have?", "how's my book?"
      priority: 52,
      match: ({ lower }) => {
        const t = lower.replace(/[?!.]+$/, '').trim();
        if (/^how(?:'s| is| are) (?:my|our) team(?: doing)?$|^how many accounts does (?:my|our) team have$/.test(t))
          return { scope: 'team' as Scope };
        if (
          /^how many accounts (?:do|have) (?:i|we) (?:have|got)$|^how(?:'s| is) my (?:book|portfolio)(?: doing)?$/.test(
            t,
          )
        )
          return { scope: 'me' as Scope };
        return undefined;
      },
    },
    {
      priority: 72,
      match: ({ lower }) =>
        /\bportfolio\b|\bmy (accounts|book)\b|\bsummary\b|\bbig picture\b|\boverview\b/i.test(lower)
          ? {
              scope: (/\b(team|my team)\b/.test(lower)
                ? 'team'
                : /\b(all|everyone|company)\b/.test(lower)
                  ? 'all'
                  : 'me') as Scope,
            }
          : undefined,
    },
  ],
  tool: {
    name: 'portfolio_summary',
    description: 'Counts and ARR by band for the asker, their team, or everyone',
    parameters: z.object({ scope: z.enum(['me', 'team', 'all']) }),
    toArgs: (p) => ({ scope: p.scope as Scope }),
  },
  async handle(context, { scope }) {
    const { deps, actor, now } = context;
    // The owner named in the question's words ("jordan's book", "my team") wins over the reading.
    const askedOwner = context.scope?.frame.owner;
    const { scope: accounts, label } = accountScopeOf(context);
    // A manager's own book is their team's: the accounts of everyone who reports to them.
    const team =
      !askedOwner && actor.userId && (scope === 'team' || (scope === 'me' && actor.role === 'manager'))
        ? await teamOwnerIds(deps.prisma, actor.userId)
        : [];
    const ownerId = !askedOwner && scope === 'me' && !team.length ? actor.userId : undefined;
    const summary = await portfolioSummary(deps.prisma, {
      now,
      scope: accounts,
      ...(ownerId ? { ownerId } : {}),
      ...(team.length ? { ownerIds: team } : {}),
    });
    const grouped = groupedSection(context, await scopedRowsForGrouping(context, accounts, ownerId, team));
    // Managers see where the money sits over time: ARR by band, week by week.
    // (Drawn for one owner or everyone; a team's chart is not drawn yet.)
    const chart =
      (actor.role === 'manager' || actor.role === 'admin') && !team.length && !label
        ? await portfolioArrChart(deps.prisma, {
            now,
            ...(ownerId ? { ownerId } : {}),
            label: ownerId ? 'your book' : 'all accounts',
          })
        : undefined;
    return {
      ...(chart ? { chart } : {}),
      headline: `${label ? `${label[0]!.toUpperCase()}${label.slice(1)} book: ` : ownerId ? 'Your book: ' : team.length ? `Your team's book (${team.length - 1} people): ` : ''}${summary.accounts} active accounts, ${summary.atRisk} at risk`,
      tone: summary.atRisk ? 'warning' : 'good',
      facts: [
        ...summary.byBand.map((b) => ({ label: b.band, value: String(b.count) })),
        ...(summary.insufficientData
          ? [{ label: 'Not enough data to score', value: String(summary.insufficientData) }]
          : []),
        {
          label: 'Renewals in 90 days',
          value: `${summary.renewalsIn90Days} (${summary.atRiskRenewalsIn90Days} at risk)`,
        },
      ],
      // A manager's view of their team, or of everyone: where the risk sits, per CSM.
      ...((team.length || !ownerId) && summary.byOwner.length > 1
        ? {
            table: {
              columns: ['Owner', 'Accounts', 'At risk', 'Not enough data'],
              rows: summary.byOwner.map((o) => [
                o.owner,
                String(o.accounts),
                String(o.atRisk),
                String(o.insufficientData),
              ]),
            },
          }
        : {}),
      sections: [
        ...(grouped ? [grouped] : []),
        {
          title: 'ARR by band',
          lines: Object.entries(summary.arrByBand).map(
            ([currency, bands]) =>
              `${currency}: ${Object.entries(bands)
                .map(([b, v]) => `${b} ${formatMoney(v, currency)}`)
                .join(', ')}`,
          ),
        },
      ],
      buttons:
        ownerId && !label
          ? [
              intentButton('At-risk accounts', 'at-risk mine', 'at_risk', { filter: { mine: true } }),
              intentButton('Renewals (90 days)', 'renewals 90 mine', 'renewals', { days: 90, mine: true }),
            ]
          : [
              intentButton('At-risk accounts', 'at-risk', 'at_risk', { filter: {} }),
              intentButton('Renewals (90 days)', 'renewals 90', 'renewals', { days: 90 }),
            ],
    };
  },
});

/** The accounts of a summary, for "by region" and "per CSM" (read only when a grouping was asked). */
async function scopedRowsForGrouping(
  context: IntentContext,
  accounts: AccountScope,
  ownerId: string | undefined,
  team: string[],
) {
  if (!context.scope?.frame.groupBy) return [];
  const owners = team.length ? new Set(team) : undefined;
  return (await rows(context.deps.prisma))
    .filter((a) => inScope(a, accounts))
    .filter((a) => !ownerId || a.ownerId === ownerId)
    .filter((a) => !owners || (a.ownerId !== null && owners.has(a.ownerId)));
}
