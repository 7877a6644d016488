import type { RenewalMilestone } from './lifecycle-schema.js';
import { addDays, daysUntil } from './calendar.js';

export interface MilestoneStatus extends RenewalMilestone {
  due: string;
  state: 'upcoming' | 'current' | 'passed';
}

export interface RenewalStatus {
  renewalDate: string;
  daysToRenewal: number;
  milestones: MilestoneStatus[];
  /** The milestone now in progress (the latest one whose date has come), if any. */
  current?: MilestoneStatus;
}

/** Renewal milestones (e.g. 90 / 60 / 30 days out) with their dates and which one is in progress. */
export function renewalStatus(milestones: readonly RenewalMilestone[], renewalDate: string, now: Date): RenewalStatus {
  const daysToRenewal = daysUntil(renewalDate, now);
  const sorted = [...milestones].sort((a, b) => b.daysBefore - a.daysBefore);
  const reached = sorted.filter((m) => daysToRenewal <= m.daysBefore);
  const currentDays = daysToRenewal >= 0 ? reached.at(-1)?.daysBefore : undefined;
  const statuses: MilestoneStatus[] = sorted.map((m) => ({
    ...m,
    due: addDays(renewalDate, -m.daysBefore),
    state: m.daysBefore === currentDays ? 'current' : daysToRenewal <= m.daysBefore ? 'passed' : 'upcoming',
  }));
  const current = statuses.find((m) => m.state === 'current');
  return { renewalDate, daysToRenewal, milestones: statuses, ...(current ? { current } : {}) };
}

/** Milestones whose date falls in (from, to]: what a reminder job run at `to` has to announce. */
export function milestonesCrossed(
  milestones: readonly RenewalMilestone[],
  renewalDate: string,
  from: Date,
  to: Date,
): RenewalMilestone[] {
  const before = daysUntil(renewalDate, from);
  const after = daysUntil(renewalDate, to);
  return milestones.filter((m) => before > m.daysBefore && after <= m.daysBefore && after >= 0);
}
