/** An earlier part to fit on and a later part to judge on: every judged row is from a later day. */
export interface DaySplit<T> {
  train: T[];
  test: T[];
}

/**
 * Splits rows, oldest first, into an earlier share (about `share` of them) and the later rest, never
 * through a day and never leaving either side empty: the cut goes at the day boundary nearest the
 * share. Many outcomes on one day (a renewal date most contracts share) can put the nearest boundary
 * far from the share, never past the last day. Boundaries where `usable` holds (say, a held-out part
 * with both churn and renewal) are preferred when there are any; ties take the larger earlier part.
 * Null when every row falls on one day: there is nothing to split by time.
 */
export function splitByDay<T>(
  rows: readonly T[],
  dayOf: (row: T) => string,
  share: number,
  usable: (split: DaySplit<T>) => boolean = () => true,
): DaySplit<T> | null {
  const target = rows.length * share;
  const boundaries: number[] = [];
  for (let i = 1; i < rows.length; i++) if (dayOf(rows[i]!) !== dayOf(rows[i - 1]!)) boundaries.push(i);
  if (!boundaries.length) return null;
  const at = (cut: number): DaySplit<T> => ({ train: rows.slice(0, cut), test: rows.slice(cut) });
  const nearest = (cuts: number[]) => [...cuts].sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || b - a)[0];
  const cut = nearest(boundaries.filter((c) => usable(at(c)))) ?? nearest(boundaries)!;
  return at(cut);
}
