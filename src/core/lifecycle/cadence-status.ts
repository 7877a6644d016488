import type { Cadence } from './lifecycle-schema.js';
import { addDays, daysUntil, isoDay, monthsSince } from './calendar.js';

export interface TouchpointStatus {
  key: string;
  label: string;
  everyDays: number;
  last?: string;
  due: string;
  /** Days past due (0 when not overdue). */
  overdueDays: number;
  state: 'ok' | 'due_soon' | 'overdue';
}

export interface CadenceStatus {
  plan: string;
  planLabel: string;
  touchpoints: TouchpointStatus[];
}

export interface CadenceAccount {
  tier: string;
  segment: string;
  contractStart?: string;
}

/** The cadence plan for an account's tier or segment; undefined when none matches. */
export function cadencePlanFor(cadence: Cadence, account: CadenceAccount) {
  return cadence.plans.find(
    (p) =>
      (!p.match.tiers || p.match.tiers.includes(account.tier)) &&
      (!p.match.segments || p.match.segments.includes(account.segment)),
  );
}

/**
 * When each touchpoint of the account's plan is next due, and how overdue it is, from the dates of
 * past activities (kind + day). A touchpoint never held is due `everyDays` after the contract start.
 */
export function cadenceStatus(
  cadence: Cadence,
  account: CadenceAccount,
  activities: readonly { kind: string; occurredAt: string }[],
  now: Date,
): CadenceStatus | undefined {
  const plan = cadencePlanFor(cadence, account);
  if (!plan) return undefined;
  const today = isoDay(now);
  const months = account.contractStart ? monthsSince(account.contractStart, now) : Infinity;
  return {
    plan: plan.key,
    planLabel: plan.label,
    touchpoints: plan.touchpoints.map((t) => {
      const every = t.early && months < t.early.months ? t.early.everyDays : t.everyDays;
      const last = activities
        .filter((a) => t.counts.includes(a.kind))
        .map((a) => a.occurredAt.slice(0, 10))
        .filter((d) => d <= today)
        .sort()
        .at(-1);
      const due = addDays(last ?? account.contractStart ?? today, every);
      const untilDue = daysUntil(due, now);
      return {
        key: t.key,
        label: t.label,
        everyDays: every,
        ...(last ? { last } : {}),
        due,
        overdueDays: Math.max(0, -untilDue),
        state: untilDue < 0 ? 'overdue' : untilDue <= Math.min(7, Math.ceil(every / 4)) ? 'due_soon' : 'ok',
      };
    }),
  };
}
