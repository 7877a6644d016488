// Ranked and filtered account lists ("top 5 by ARR", "healthy accounts", "biggest drops this month",
// "not contacted in 30 days", "falling usage"). Accounts without the data a ranking needs are left
// out and counted, never ranked as zero.

export interface RankableAccount {
  id: string;
  name: string;
  arr: number;
  currency: string;
  overall: number | null;
  bandLabel: string | null;
  atRisk: boolean;
  ownerName: string | null;
  /** Where it sits, for answers grouped "by region", "per tier". */
  region?: string | null;
  segment?: string;
  tier?: string;
  industry?: string | null;
  /** Health score at the start of the period, when one was stored. */
  healthBefore?: number | null;
  /** The usage dimension's score now and at the start of the period. */
  usageNow?: number | null;
  usageBefore?: number | null;
  /** The last touchpoint, as an ISO time, when there was one. */
  lastTouch?: string | null;
}

export type RankBy = 'arr' | 'health' | 'drop' | 'usage';

export interface ListRequest {
  by?: RankBy;
  /** top: the largest (ARR), healthiest (health) or biggest fall (drop, usage); bottom: the reverse. */
  order?: 'top' | 'bottom';
  limit?: number;
  /** A band's label or key, in any case ("healthy", "critical", "at risk"). */
  band?: string;
  fallingUsage?: boolean;
  notContactedDays?: number;
}

export interface RankedList {
  accounts: (RankableAccount & { value: number | null })[];
  /** Accounts that matched the filters before the limit. */
  matched: number;
  /** Accounts left out for lack of the data the request needs, and what was missing. */
  leftOut: { count: number; why: string } | undefined;
}

const dayMs = 86_400_000;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '');

export function rankAccounts(rows: readonly RankableAccount[], request: ListRequest, now: Date): RankedList {
  let candidates = [...rows];
  let missing = 0;
  let why = '';
  const require = (has: (a: RankableAccount) => boolean, reason: string) => {
    const kept = candidates.filter(has);
    if (kept.length < candidates.length) {
      missing += candidates.length - kept.length;
      why = reason;
    }
    candidates = kept;
  };
  if (request.band) {
    const wanted = norm(request.band);
    candidates = candidates.filter((a) =>
      wanted === 'atrisk' ? a.atRisk : a.bandLabel !== null && norm(a.bandLabel) === wanted,
    );
  }
  if (request.notContactedDays !== undefined) {
    const since = now.getTime() - request.notContactedDays * dayMs;
    // No touchpoint ever recorded counts as not contacted: that is the point of the question.
    candidates = candidates.filter((a) => !a.lastTouch || new Date(a.lastTouch).getTime() < since);
  }
  if (request.fallingUsage || request.by === 'usage') {
    require((a) => a.usageNow != null && a.usageBefore != null, 'no usage score from the start of the period');
    if (request.fallingUsage) candidates = candidates.filter((a) => a.usageNow! < a.usageBefore!);
  }
  if (request.by === 'drop')
    require((a) => a.overall !== null && a.healthBefore != null, 'no score from the start of the period');
  if (request.by === 'health') require((a) => a.overall !== null, 'not scored');
  const valueOf = (a: RankableAccount): number | null => {
    switch (request.by) {
      case 'arr':
        return a.arr;
      case 'health':
        return a.overall;
      case 'drop':
        return Math.round((a.overall! - a.healthBefore!) * 10) / 10;
      case 'usage':
        return Math.round((a.usageNow! - a.usageBefore!) * 10) / 10;
      default:
        return request.notContactedDays !== undefined
          ? a.lastTouch
            ? Math.floor((now.getTime() - new Date(a.lastTouch).getTime()) / dayMs)
            : null
          : a.overall;
    }
  };
  // "Dropped the most": only accounts whose health fell.
  const valued = candidates
    .map((a) => ({ ...a, value: valueOf(a) }))
    .filter((a) => request.by !== 'drop' || (a.value !== null && a.value < 0));
  // Descending for "top" ARR and health; for changes "top" is the biggest fall (most negative).
  const descending =
    request.by === 'drop' || request.by === 'usage' ? request.order === 'bottom' : request.order !== 'bottom';
  valued.sort((a, b) => {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return (descending ? b.value - a.value : a.value - b.value) || a.name.localeCompare(b.name);
  });
  return {
    accounts: request.limit ? valued.slice(0, request.limit) : valued,
    matched: valued.length,
    leftOut: missing ? { count: missing, why } : undefined,
  };
}
