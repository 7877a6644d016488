import { z } from 'zod';
import { builtInPresets } from '../../core/presets/built-in-presets.js';
import { formatMoney } from '../../core/metrics/format-money.js';
import { intentButton } from '../../replies/reply.js';
import { listAccounts } from '../../services/portfolio/list-accounts.js';
import { findPerson } from '../../services/portfolio/find-person.js';
import { teamOwnerIds } from '../../services/portfolio/team-members.js';
import { defineIntent } from '../intent.js';
import { pageArgs, pageOf, type PageArgs } from '../paging.js';
import { filterFrom } from '../phrases.js';
import { accountScopeOf, groupedSection } from '../frame/scoped-filter.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'top accounts by ARR',
  'largest customers',
  'smallest accounts',
  'healthiest customers',
  'least healthy accounts',
  'which accounts are critical',
  'accounts in the watch band',
  'accounts whose usage is falling',
  'usage going down',
  'accounts that dropped the most',
  'biggest decliners',
  'accounts we have not contacted',
  'no touchpoint in a while',
  'accounts without contact for a month',
  'rank accounts by health',
  'sort customers by revenue',
  "{person}'s book",
  'how many accounts does {person} own',
];

const name = z.string().min(1).max(60);

/** Every band label of the built-in models ("Healthy", "Critical", "Watch"...), for "healthy accounts". */
const bandWords = [
  ...new Set([...builtInPresets.values()].flatMap((p) => p.model?.bands.map((b) => b.label.toLowerCase()) ?? [])),
].filter((b) => !/risk/.test(b));
const bandPattern = new RegExp(`\\b(${bandWords.map((b) => b.replace(/[^a-z ]/g, '')).join('|')})\\b`);

type Args = {
  by?: 'arr' | 'health' | 'drop' | 'usage';
  order?: 'top' | 'bottom';
  limit?: number;
  band?: string;
  fallingUsage?: boolean;
  notContactedDays?: number;
  periodDays?: number;
  period?: 'week' | 'month' | 'quarter';
  filter: { region?: string; segment?: string; tier?: string; mine?: boolean; team?: boolean; owner?: string };
  page?: PageArgs;
};

/** The list a question asks for, or undefined when it is not a list question. */
export function readListQuestion(lower: string): Args | undefined {
  const t = lower.replace(/[?!.]+$/, '').trim();
  // "how many accounts does Aisha have?", "Aisha's accounts": one person's book.
  const owner =
    /^how many (?:accounts|customers|clients) (?:does|do) (.+?) (?:have|own|manage|look after)$/.exec(t)?.[1] ??
    /^(?:show |list )?(?:me )?([a-z][a-z .'-]*?)'s (?:accounts|book|customers)$/.exec(t)?.[1];
  if (owner && !/^(?:my|our|the team|my team)$/.test(owner)) return { filter: { owner } };
  // At-risk lists have their own intent (with ARR at risk); this one is everything else.
  if (/\bat[- ]?risk\b|\bchurn risk/.test(t)) return undefined;
  const listy =
    /\baccounts?\b|\bcustomers?\b|\bclients?\b|^(?:top|bottom|list|show|which)\b|\b(?:drops|decliners|fallers)\b/.test(
      t,
    );
  if (!listy) return undefined;
  const limit = Number(
    /\b(?:top|bottom|first|biggest|largest|smallest|worst|best|lowest|highest)\s+(\d{1,3})\b/.exec(t)?.[1] ??
      /\b(\d{1,3})\s+(?:biggest|largest|smallest|worst|best|healthiest|accounts?|customers?)\b/.exec(t)?.[1] ??
      NaN,
  );
  const args: Args = { filter: {} };
  const f = filterFrom(t);
  if (f.region) args.filter.region = f.region;
  if (f.segment) args.filter.segment = f.segment;
  if (f.tier) args.filter.tier = f.tier;
  if (/\bmy team\b|\bour team\b/.test(t)) args.filter.team = true;
  else if (f.mine) args.filter.mine = true;
  if (Number.isFinite(limit) && limit > 0) args.limit = limit;

  const contacted =
    /(?:\bnot\b|n't\b|\bnever\b|\bno one has\b|\bnobody has\b|\bwithout\b).*?\b(?:contacted|touched|spoken|talked|reached|heard from|a touchpoint|touchpoints?)\b(?:.*?\b(\d{1,4})\s*(days?|weeks?|months?))?/.exec(
      t,
    );
  if (contacted) {
    const n = Number(contacted[1] ?? 30);
    const unit = contacted[2] ?? 'days';
    args.notContactedDays = n * (unit.startsWith('week') ? 7 : unit.startsWith('month') ? 30 : 1);
    return args;
  }
  if (
    /\busage\b/.test(t) &&
    /\b(falling|fall|dropping|drop|declining|decline|down|fell|dropped|declined|decreasing|shrinking)\b/.test(t)
  ) {
    args.by = 'usage';
    args.fallingUsage = true;
  } else if (
    /\b(dropped|fell|declined|fallen|dropping|falling|declining|drops|fallers|decliners)\b/.test(t) &&
    /\b(most|biggest|largest|drops|fallers|decliners)\b|^which (?:accounts|customers|clients)\b/.test(t)
  )
    args.by = 'drop';
  else if (/\bby (?:arr|revenue|size|value|contract value)\b|\b(?:biggest|largest|smallest)\b/.test(t)) args.by = 'arr';
  else if (/\bby health\b|\b(?:healthiest|least healthy|lowest health|highest health)\b/.test(t)) args.by = 'health';
  if (/\b(bottom|smallest|least healthy|lowest)\b/.test(t)) args.order = 'bottom';
  if (/\bworst\b/.test(t) && args.by !== 'drop') {
    args.by ??= 'health';
    args.order = 'bottom';
  }
  if (args.by === 'drop' || args.by === 'usage') {
    if (/\bthis week\b/.test(t)) args.period = 'week';
    else if (/\bthis month\b/.test(t)) args.period = 'month';
    else if (/\bthis quarter\b/.test(t)) args.period = 'quarter';
    else {
      const m = /\b(?:last|past)\s+(\d{1,3})\s*(days?|weeks?|months?)\b/.exec(t);
      if (m) args.periodDays = Number(m[1]) * (m[2]!.startsWith('week') ? 7 : m[2]!.startsWith('month') ? 30 : 1);
    }
  }
  // "Red accounts" is how people say at risk, whatever the model calls its bands.
  const band = bandPattern.exec(t)?.[1];
  if (band === 'red') return undefined;
  if (band && /\b(?:accounts?|customers?|clients?)\b/.test(t)) args.band = band;
  // "accounts over 500k in emea", "mfg customers", "accounts by region": a list narrowed or grouped
  // by the question's scope (read whole by the frame, applied by the handler).
  // Not when another question's words are there: risk, renewals, feedback, retention, tasks.
  const scoped =
    !/\b(?:at[- ]?risk|churn\w*|in trouble|struggling|unhealthy|in (?:the )?red|renew\w*|nps|feedback|retention|nrr|grr|expansion|tasks?)\b/.test(
      t,
    ) &&
    (f.region ||
      f.segment ||
      f.tier ||
      /\b(?:over|under|above|below|more than|less than)\s+\$?\d/.test(t) ||
      /\b(?:by|per)\s+(?:region|csm|owner|segment|tier|industry)\b/.test(t));
  return args.by || args.band || args.limit || scoped ? args : undefined;
}

const dayMs = 86_400_000;

/** Days from the start of the calendar week (Monday), month or quarter to now. */
function daysSinceStartOf(period: 'week' | 'month' | 'quarter', now: Date): number {
  const start =
    period === 'week'
      ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7))
      : period === 'month'
        ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
        : Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1);
  return Math.max(1, Math.ceil((now.getTime() - start) / dayMs));
}

export default defineIntent({
  name: 'list_accounts',
  examples,
  fromText: (phrase) => readListQuestion(phrase.lower) ?? { filter: filterFrom(phrase.lower) },
  args: z.object({
    by: z.enum(['arr', 'health', 'drop', 'usage']).optional(),
    order: z.enum(['top', 'bottom']).optional(),
    limit: z.number().int().min(1).max(200).optional(),
    band: name.optional(),
    fallingUsage: z.boolean().optional(),
    notContactedDays: z.number().int().min(1).max(3650).optional(),
    periodDays: z.number().int().min(1).max(730).optional(),
    period: z.enum(['week', 'month', 'quarter']).optional(),
    filter: z.object({
      region: name.optional(),
      segment: name.optional(),
      tier: name.optional(),
      mine: z.boolean().optional(),
      team: z.boolean().optional(),
      /** A person's name: their book. */
      owner: name.optional(),
    }),
    page: pageArgs,
  }),
  access: 'reader',
  scoped: true,
  help: {
    group: 'Ask me',
    order: 32,
    line: 'top 5 accounts by ARR, healthy accounts, biggest drops this month, not contacted in 30 days, falling usage',
  },
  rules: [{ priority: 64, match: ({ lower }) => readListQuestion(lower) }],
  tool: {
    name: 'list_accounts',
    description:
      'Accounts ranked or filtered: top/bottom N by ARR, health, health drop or usage drop over a period; by band; not contacted in N days',
    parameters: z.object({
      by: z.enum(['arr', 'health', 'drop', 'usage']).nullable(),
      order: z.enum(['top', 'bottom']).nullable(),
      limit: z.number().int().min(1).max(200).nullable(),
      band: z.string().min(1).max(60).nullable(),
      notContactedDays: z.number().int().min(1).max(3650).nullable(),
      periodDays: z.number().int().min(1).max(730).nullable(),
      mine: z.boolean().nullable(),
    }),
    toArgs: (p) => ({
      ...(p.by ? { by: p.by as Args['by'] } : {}),
      ...(p.order ? { order: p.order as Args['order'] } : {}),
      ...(typeof p.limit === 'number' ? { limit: p.limit } : {}),
      ...(typeof p.band === 'string' ? { band: p.band } : {}),
      ...(typeof p.notContactedDays === 'number' ? { notContactedDays: p.notContactedDays } : {}),
      ...(typeof p.periodDays === 'number' ? { periodDays: p.periodDays } : {}),
      ...(p.by === 'usage' ? { fallingUsage: true } : {}),
      filter: p.mine === true ? { mine: true } : {},
    }),
  },
  async handle(context, args) {
    const { deps, actor, now } = context;
    const { filter, period, page, ...request } = args;
    // The owner the question's words named (a person of the book, "my", "my team") wins; a name no
    // one in the book has is looked up here, for its did-you-mean.
    const askedOwner = context.scope?.frame.owner;
    const { scope: accounts, label: scopeLabel } = accountScopeOf(context, askedOwner ? {} : filter);
    const person =
      askedOwner?.kind === 'person'
        ? ({ kind: 'found', person: { id: askedOwner.id, name: askedOwner.name } } as const)
        : filter.owner && !askedOwner
          ? await findPerson(deps.prisma, filter.owner)
          : undefined;
    if (person && person.kind !== 'found')
      return {
        headline:
          person.kind === 'ambiguous'
            ? `"${filter.owner}" could be ${person.candidates.join(' or ')}; say the full name.`
            : `Nobody called "${filter.owner}" works in Tend.${person.suggestions.length ? ` Did you mean ${person.suggestions.join(' or ')}?` : ''}`,
        tone: 'info',
        ...(person.kind === 'not_found' && person.suggestions.length
          ? { suggestions: person.suggestions.map((s) => `how many accounts does ${s} have?`) }
          : {}),
      };
    const team = filter.team && !askedOwner && actor.userId ? await teamOwnerIds(deps.prisma, actor.userId) : [];
    const ownerIds = askedOwner
      ? undefined
      : person?.kind === 'found'
        ? [person.person.id]
        : filter.mine && actor.userId
          ? [actor.userId]
          : team.length
            ? team
            : undefined;
    const periodDays = period ? daysSinceStartOf(period, now) : request.periodDays;
    // Changes over "this month" / "the last 30 days", and "not contacted in 30 days", are the period asked.
    if (period || request.periodDays || request.notContactedDays) context.scope?.use('period');
    const list = await listAccounts(
      deps.prisma,
      { ...request, ...(periodDays ? { periodDays } : {}) },
      { accounts, ...(ownerIds ? { ownerIds } : {}) },
      now,
    );
    const scope = context.scope ? '' : [filter.tier, filter.segment, filter.region].filter(Boolean).join(' ');
    const whose = context.scope
      ? scopeLabel
        ? `${scopeLabel} `
        : ''
      : person?.kind === 'found'
        ? `${person.person.name}'s `
        : filter.mine
          ? 'your '
          : team.length
            ? "your team's "
            : '';
    const grouped = groupedSection(context, list.accounts);
    const over = period ? `this ${period}` : `the last ${list.periodDays} days`;
    const what = request.band
      ? `${request.band} accounts`
      : request.notContactedDays
        ? `accounts not contacted in ${request.notContactedDays} days`
        : request.fallingUsage
          ? `accounts with falling usage over ${over}`
          : request.by === 'drop'
            ? `biggest health drops over ${over}`
            : request.by === 'arr'
              ? `accounts by ARR${request.order === 'bottom' ? ', smallest first' : ''}`
              : request.by === 'health'
                ? `accounts by health${request.order === 'bottom' ? ', lowest first' : ', healthiest first'}`
                : 'accounts';
    const shown = list.accounts;
    const visible = pageOf(shown, page, 25);
    const valueColumn =
      request.by === 'drop'
        ? 'Change'
        : request.by === 'usage'
          ? 'Usage change'
          : request.notContactedDays
            ? 'Days since contact'
            : undefined;
    const onlyPerson =
      person?.kind === 'found' &&
      !request.by &&
      !request.band &&
      !request.notContactedDays &&
      whose === `${person.person.name}'s `;
    const headline = onlyPerson
      ? `${person.person.name} has ${list.matched} active account${list.matched === 1 ? '' : 's'}, ${shown.filter((a) => a.atRisk).length} at risk`
      : shown.length
        ? `${request.limit ? `${request.order === 'bottom' ? 'Bottom' : 'Top'} ${shown.length} of ${list.matched}` : `${list.matched}`} ${whose}${scope ? `${scope} ` : ''}${what}`
        : `No ${whose}${scope ? `${scope} ` : ''}${what}.`;
    return {
      headline,
      tone: 'info',
      table: {
        columns: ['Account', ...(valueColumn ? [valueColumn] : []), 'Health', 'Band', 'ARR', 'Owner'],
        rows: visible.rows.map((a) => [
          a.name,
          ...(valueColumn
            ? [
                a.value === null
                  ? request.notContactedDays
                    ? 'never'
                    : 'not enough data'
                  : request.notContactedDays
                    ? String(a.value)
                    : `${a.value > 0 ? '+' : ''}${a.value}`,
              ]
            : []),
          a.overall === null ? 'not enough data' : String(a.overall),
          a.bandLabel ?? '',
          formatMoney(a.arr, a.currency),
          a.ownerName ?? '',
        ]),
      },
      sections: [
        ...(grouped ? [grouped] : []),
        ...(request.by === 'arr' && new Set(shown.map((a) => a.currency)).size > 1
          ? [
              {
                lines: [
                  `Ranked by amount as stored: the ARR is in ${[...new Set(shown.map((a) => a.currency))].sort().join(', ')}, which Tend does not convert.`,
                ],
              },
            ]
          : []),
        ...(visible.moreLine ? [{ lines: [visible.moreLine] }] : []),
        ...(list.leftOut ? [{ lines: [`${list.leftOut.count} account(s) left out: ${list.leftOut.why}.`] }] : []),
      ],
      ...(visible.page ? { page: visible.page } : {}),
      buttons: visible.rows
        .slice(0, 3)
        .map((a) => intentButton(`How is ${a.name}?`, `health ${a.name}`, 'health', { account: a.name })),
    };
  },
});
