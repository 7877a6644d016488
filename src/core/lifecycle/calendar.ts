const DAY = 86_400_000;

/** Whole days from `now` (UTC day) to a YYYY-MM-DD date; negative when it has passed. */
export function daysUntil(isoDate: string, now: Date): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY) - Math.floor(now.getTime() / DAY);
}

/** Whole calendar months from a YYYY-MM-DD date to `now` (0 in the first month). */
export function monthsSince(isoDate: string, now: Date): number {
  const start = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  let months = (now.getUTCFullYear() - start.getUTCFullYear()) * 12 + (now.getUTCMonth() - start.getUTCMonth());
  if (now.getUTCDate() < start.getUTCDate()) months -= 1;
  return months;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
