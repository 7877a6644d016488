import { z } from 'zod';
import type { Actor } from '../services/access/actor.js';
import { teamOwnerIds } from '../services/portfolio/team-members.js';
import type { ConversationDeps } from './conversation-deps.js';
import type { IntentTool } from './intent.js';
import { filterFrom, periodIn } from './phrases.js';
import type { AskedScope } from './frame/asked-scope.js';

// Portfolio KPIs (retention, time to first value) are asked the same way: over a trailing period,
// for a segment, region or tier, for my team or my own book. One reading of that for all of them.

const name = z.string().min(1).max(60);
const dayMs = 86_400_000;

/** A KPI question's arguments: the trailing period (a year by default) and whose accounts. */
export const kpiScopeArgs = z.object({
  days: z.number().int().min(7).max(3650),
  segment: name.optional(),
  region: name.optional(),
  tier: name.optional(),
  team: z.boolean().optional(),
  mine: z.boolean().optional(),
});
export type KpiScopeArgs = z.output<typeof kpiScopeArgs>;

/** "NRR for enterprise EMEA over the last 6 months", "my team's time to value". */
export function kpiScopeFromText(lower: string): KpiScopeArgs {
  const f = filterFrom(lower);
  return {
    days: Math.max(7, periodIn(lower) ?? 365),
    ...(f.segment ? { segment: f.segment } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.tier ? { tier: f.tier } : {}),
    ...(/\b(?:my|our) team\b/.test(lower) ? { team: true } : f.mine ? { mine: true } : {}),
  };
}

/** The model's tool for a KPI: period, segment and region (the rest is asked in words). */
export function kpiTool(toolName: string, description: string): IntentTool<KpiScopeArgs> {
  return {
    name: toolName,
    description,
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
  };
}

/** The period and account filter a KPI service takes, and how the answer names the scope. */
export async function resolveKpiScope(
  prisma: ConversationDeps['prisma'],
  actor: Actor,
  now: Date,
  args: KpiScopeArgs,
  asked?: AskedScope,
) {
  const frame = asked?.frame;
  // The question's words, read whole, win over the reading of the intent's rule (the same words).
  const fromWords = frame
    ? {
        ...(frame.segment ? { segment: frame.segment.value } : {}),
        ...(frame.regions?.values.length === 1 ? { region: frame.regions.values[0] } : {}),
        ...(frame.tiers?.values.length === 1 ? { tier: frame.tiers.values[0] } : {}),
      }
    : {};
  const { days: askedDays, segment, region, tier, team, mine } = { ...args, ...fromWords };
  const ownerIds = frame?.owner
    ? asked!.accounts.ownerIds
      ? [...asked!.accounts.ownerIds]
      : undefined
    : team && actor.userId
      ? await teamOwnerIds(prisma, actor.userId)
      : mine && actor.userId
        ? [actor.userId]
        : undefined;
  if (frame) {
    asked!.use('segment');
    if (frame.regions?.values.length === 1) asked!.use('regions');
    if (frame.tiers?.values.length === 1) asked!.use('tiers');
    if (frame.owner) asked!.use('owner');
  }
  // A period looking back ("last 6 months", "this year") sets the window; retention looks back only.
  const period = frame?.period && frame.period.direction !== 'forward' ? frame.period : undefined;
  if (period) asked!.use('period');
  const days = period
    ? Math.max(7, Math.round((now.getTime() - Date.parse(`${period.from}T00:00:00Z`)) / dayMs))
    : askedDays;
  const from = new Date(now.getTime() - days * dayMs);
  return {
    filter: {
      from,
      to: now,
      ...(segment ? { segment } : {}),
      ...(region ? { region } : {}),
      ...(tier ? { tier } : {}),
      ...(ownerIds ? { ownerIds } : {}),
    },
    /** "enterprise EMEA", "your team's", or '' for everyone's. */
    label: [
      tier,
      segment,
      region,
      frame?.owner
        ? (asked!.label.match(/^(?:your team's|your|.+?'s)/)?.[0] ?? '')
        : team
          ? "your team's"
          : mine
            ? 'your'
            : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}
