// Support metrics from a help desk's tickets, over rolling windows ending at a given time: what the
// health models' support dimension reads (tickets, escalations, satisfaction, resolution time).

export interface TicketFacts {
  priority: string | null;
  openedAt: Date;
  solvedAt: Date | null;
  satisfaction: string | null;
}

const dayMs = 86_400_000;
const round = (n: number) => Math.round(n * 10) / 10;

/** The windows, in days, each metric is read over; rules as data, in one place. */
export const supportWindows = {
  support_tickets: 7,
  escalation_rate_pct: 30,
  avg_resolution_hours: 30,
  support_satisfaction_pct: 90,
} as const;

/** Priorities that count as escalated. */
export const escalatedPriorities: ReadonlySet<string> = new Set(['urgent', 'high']);

/** Each metric's value at `end`; a metric with nothing to measure (no rated tickets) is left out. */
export function supportMetrics(tickets: readonly TicketFacts[], end: Date): Record<string, number> {
  const since = (days: number) => end.getTime() - days * dayMs;
  const opened = (days: number) =>
    tickets.filter((t) => t.openedAt.getTime() > since(days) && t.openedAt.getTime() <= end.getTime());
  const out: Record<string, number> = { support_tickets: opened(supportWindows.support_tickets).length };
  const month = opened(supportWindows.escalation_rate_pct);
  if (month.length)
    out.escalation_rate_pct = round(
      (month.filter((t) => escalatedPriorities.has(t.priority ?? '')).length / month.length) * 100,
    );
  const solved = tickets.filter(
    (t) => t.solvedAt && t.solvedAt.getTime() > since(supportWindows.avg_resolution_hours) && t.solvedAt <= end,
  );
  if (solved.length)
    out.avg_resolution_hours = round(
      solved.reduce((sum, t) => sum + (t.solvedAt!.getTime() - t.openedAt.getTime()), 0) / solved.length / 3_600_000,
    );
  const rated = opened(supportWindows.support_satisfaction_pct).filter(
    (t) => t.satisfaction === 'good' || t.satisfaction === 'bad',
  );
  if (rated.length)
    out.support_satisfaction_pct = round((rated.filter((t) => t.satisfaction === 'good').length / rated.length) * 100);
  return out;
}

export const longestSupportWindowDays = Math.max(...Object.values(supportWindows));
