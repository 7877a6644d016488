/**
 * How much of a person's attention Tend may take: a budget of proactive messages in any 7 days.
 * Tiers keep room for what matters most: a routine item (a warning alert, a task reminder) goes
 * alone only while half the budget is unused, an urgent one (a critical alert) while two places
 * remain, and the daily digest may use the last place; what does not fit waits for the digest.
 */
export type AttentionTier = 'routine' | 'urgent' | 'digest';

export const budgetWindowMs = 7 * 86_400_000;

/** More items than this for one person in one pass is a backlog (a first start, an import, a new preset): one summary. */
export const backlogSize = 3;

export function hasRoom(tier: AttentionTier, sentInWindow: number, weeklyBudget: number): boolean {
  const limit = tier === 'digest' ? weeklyBudget : tier === 'urgent' ? weeklyBudget - 1 : Math.floor(weeklyBudget / 2);
  return sentInWindow < limit;
}

export interface RankedItem {
  severity: 'CRITICAL' | 'WARNING' | 'INFO' | null;
  /** Annual value of the account at stake, when known. */
  arr: number | null;
  /** When it fell due or opened: older first among equals. */
  since: Date;
}

const severityRank = { CRITICAL: 3, WARNING: 2, INFO: 1 } as const;

/** Most urgent first: severity, then value at risk, then the oldest. */
export function byUrgency(a: RankedItem, b: RankedItem): number {
  return (
    (b.severity ? severityRank[b.severity] : 0) - (a.severity ? severityRank[a.severity] : 0) ||
    (b.arr ?? -1) - (a.arr ?? -1) ||
    a.since.getTime() - b.since.getTime()
  );
}
