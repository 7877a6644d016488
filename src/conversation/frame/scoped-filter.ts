import { groupBy } from '../../core/collections/group-by.js';
import type { AccountScope } from '../../core/portfolio/account-scope.js';
import { formatMoney } from '../../core/metrics/format-money.js';
import type { IntentContext } from '../intent.js';
import { accountParts } from './asked-scope.js';

/** An intent's own filter arguments (from a button, or the model's tool choice). */
export interface FilterArgs {
  segment?: string | undefined;
  tier?: string | undefined;
  region?: string | undefined;
  mine?: boolean | undefined;
}

/**
 * The accounts an answer covers: the question's scope read from all its words, with the intent's
 * own arguments for what the words did not say (a button carries only arguments). Marks the account
 * parts of the question as applied.
 */
export function accountScopeOf(context: IntentContext, args: FilterArgs = {}): { scope: AccountScope; label: string } {
  const asked = context.scope;
  asked?.use(...accountParts);
  const scope: AccountScope = { ...(asked?.accounts ?? {}) };
  if (!scope.regions && args.region) scope.regions = [args.region.toUpperCase()];
  if (!scope.segment && args.segment) scope.segment = args.segment;
  if (!scope.tiers && args.tier) scope.tiers = [args.tier.toLowerCase()];
  const ownerAsked = asked?.frame.owner !== undefined;
  if (!ownerAsked && !scope.ownerIds && args.mine && context.actor.userId) scope.ownerIds = [context.actor.userId];
  const fallback = [
    !ownerAsked && args.mine ? 'your' : '',
    asked?.frame.tiers ? '' : args.tier,
    asked?.frame.segment ? '' : args.segment,
    asked?.frame.regions ? '' : args.region?.toUpperCase(),
  ];
  const label = [asked?.label ?? '', ...fallback].filter(Boolean).join(' ');
  return { scope, label };
}

type Groupable = {
  region?: string | null;
  segment?: string;
  tier?: string;
  industry?: string | null;
  ownerName: string | null;
  arr: string | number;
  currency: string;
};

/** "by region", "per CSM": the accounts of an answer counted per group, with their ARR per currency. */
export function groupedSection<T extends Groupable>(
  context: IntentContext,
  accounts: readonly T[],
): { title: string; lines: string[] } | undefined {
  const by = context.scope?.frame.groupBy?.by;
  if (!by) return undefined;
  context.scope!.use('groupBy');
  const key = (a: T) =>
    (by === 'region'
      ? a.region
      : by === 'segment'
        ? a.segment
        : by === 'tier'
          ? a.tier
          : by === 'industry'
            ? a.industry
            : a.ownerName) ?? 'none';
  const groups = [...groupBy(accounts, key)].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return {
    title: `By ${by === 'owner' ? 'owner' : by}`,
    lines: groups.map(([name, list]) => {
      const sums = new Map<string, number>();
      for (const a of list) sums.set(a.currency, (sums.get(a.currency) ?? 0) + Number(a.arr));
      const arr = [...sums].map(([c, v]) => formatMoney(v, c)).join(' + ');
      return `${name}: ${list.length} account${list.length === 1 ? '' : 's'}, ARR ${arr}`;
    }),
  };
}
