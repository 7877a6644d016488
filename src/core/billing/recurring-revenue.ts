// Recurring revenue from a billing system's subscription items, in minor units (cents), so MRR and
// ARR come from the same arithmetic wherever a subscription is read.

export interface RecurringItem {
  /** Price per unit in minor units. */
  unitAmount: number | null;
  quantity: number | null;
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
}

const monthsPer: Record<RecurringItem['interval'], number> = { day: 12 / 365, week: 12 / 52, month: 1, year: 12 };

/** Monthly recurring revenue of the items, in minor units, rounded to a whole unit. */
export function monthlyRecurringCents(items: readonly RecurringItem[]): number {
  let total = 0;
  for (const item of items) {
    if (item.unitAmount === null) continue;
    const months = monthsPer[item.interval] * Math.max(1, item.intervalCount);
    total += (item.unitAmount * (item.quantity ?? 1)) / months;
  }
  return Math.round(total);
}

/** Minor units as a decimal string with two places ("1234.50"). */
export const centsToAmount = (cents: number): string => (cents / 100).toFixed(2);
