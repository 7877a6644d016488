const dayMs = 86_400_000;

/**
 * Where a snoozed task falls due: N days after its due date, or after now when it is already late.
 * Snoozing never brings a date forward (a task due on the 12th snoozed on the 7th for 3 days is due
 * on the 15th, not the 10th).
 */
export function snoozedDueAt(dueAt: Date, now: Date, days: number): Date {
  return new Date(Math.max(dueAt.getTime(), now.getTime()) + days * dayMs);
}
