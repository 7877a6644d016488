// Which accounts a question is about, as one predicate: every list, count and sum in chat applies the
// same scope, so "jordan's critical accounts" and "emea renewals over 500k" never answer for more.

/** The accounts a question covers; an absent field does not narrow. */
export interface AccountScope {
  /** Owners (a person, "me", or a manager's team). An empty list matches nobody. */
  ownerIds?: readonly string[];
  /** Any of these regions (upper case): "intl" is every region but NA. */
  regions?: readonly string[];
  segment?: string;
  tiers?: readonly string[];
  industry?: string;
  thresholds?: readonly Threshold[];
}

/** "over 500k" (ARR), "under 60" (health), "more than 100 seats". */
export interface Threshold {
  field: 'arr' | 'health';
  op: 'over' | 'under';
  value: number;
}

export interface ScopedAccount {
  ownerId: string | null;
  region: string | null;
  segment: string;
  tier: string;
  industry?: string | null;
  arr: string | number;
  overall: number | null;
}

const fieldValue = (a: ScopedAccount, field: Threshold['field']): number | null =>
  field === 'arr' ? Number(a.arr) : a.overall;

/** Does the account fall in the scope? Unknown values (no region, no score) never match a narrowing. */
export function inScope(a: ScopedAccount, scope: AccountScope | undefined): boolean {
  if (!scope) return true;
  if (scope.ownerIds && (a.ownerId === null || !scope.ownerIds.includes(a.ownerId))) return false;
  if (scope.regions && !scope.regions.includes((a.region ?? '').toUpperCase())) return false;
  if (scope.segment && a.segment.toLowerCase() !== scope.segment.toLowerCase()) return false;
  if (scope.tiers && !scope.tiers.includes(a.tier.toLowerCase())) return false;
  if (scope.industry && (a.industry ?? '').toLowerCase() !== scope.industry.toLowerCase()) return false;
  for (const t of scope.thresholds ?? []) {
    const v = fieldValue(a, t.field);
    if (v === null || (t.op === 'over' ? !(v > t.value) : !(v < t.value))) return false;
  }
  return true;
}
