import type { ModelInput } from './health-model-schema.js';
import { appendTo } from '../collections/append-to.js';

/** One stored value of a metric on a calendar day (YYYY-MM-DD). */
export interface Observation {
  metric: string;
  date: string;
  value: number;
}

/** An observation with its day number (days since the epoch), as indexObservations makes them. */
export interface IndexedObservation extends Observation {
  day: number;
}

/** An account's observations by metric, each series sorted oldest first. Make one with indexObservations. */
export type ObservationIndex = ReadonlyMap<string, readonly IndexedObservation[]>;

/** The single value an input takes for a score, with where it came from. */
export interface ResolvedInput {
  metric: string;
  value: number;
  /** Newest observation used. */
  asOf: string;
  observations: number;
}

const DAY = 86_400_000;
export const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY);

/** Groups observations by metric, each series sorted oldest first, with day numbers for fast windows. */
export function indexObservations(observations: readonly Observation[]): ObservationIndex {
  const byMetric = new Map<string, IndexedObservation[]>();
  for (const o of observations) {
    const indexed: IndexedObservation = { metric: o.metric, date: o.date, value: o.value, day: dayNumber(o.date) };
    appendTo(byMetric, o.metric, indexed);
  }
  // Several sources on one day keep a stable order (by value), so input order never matters.
  for (const list of byMetric.values()) list.sort((a, b) => a.day - b.day || a.value - b.value);
  return byMetric;
}

/** Index of the newest observation on or before `today`, -1 if none. */
export function lastOnOrBefore(series: readonly IndexedObservation[], today: number): number {
  let end = series.length - 1;
  while (end >= 0 && series[end]!.day > today) end -= 1;
  return end;
}

/** Index of the first observation after day `from`, searching [0, end]; end + 1 if none. */
export function firstAfter(series: readonly IndexedObservation[], from: number, end: number): number {
  let lo = 0;
  let hi = end + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (series[mid]!.day > from) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the newest observation in the window (today - windowDays, today], or -1 when there is none. */
export function windowEnd(series: readonly IndexedObservation[], today: number, windowDays: number): number {
  const end = lastOnOrBefore(series, today);
  return end >= 0 && series[end]!.day > today - windowDays ? end : -1;
}

/**
 * One value from the observations of a window that ends at index `end` and starts after day `from`.
 * `latest` reads only the newest, so it never searches for the window's start.
 */
export function aggregateWindow(
  series: readonly IndexedObservation[],
  end: number,
  from: number,
  aggregation: ModelInput['aggregation'],
): number {
  if (aggregation === 'latest') return series[end]!.value;
  const start = firstAfter(series, from, end);
  let sum = 0;
  let max = -Infinity;
  let min = Infinity;
  for (let i = start; i <= end; i++) {
    const v = series[i]!.value;
    sum += v;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return aggregation === 'sum'
    ? sum
    : aggregation === 'mean'
      ? sum / (end - start + 1)
      : aggregation === 'max'
        ? max
        : min;
}

/** Aggregates a metric's observations inside a window ending at `now`; undefined when there are none. */
export function aggregate(
  series: readonly IndexedObservation[] | undefined,
  spec: Pick<ModelInput, 'aggregation' | 'windowDays'>,
  now: Date,
): ResolvedInput | undefined {
  if (!series || series.length === 0) return undefined;
  const today = Math.floor(now.getTime() / DAY);
  const from = today - spec.windowDays;
  const end = windowEnd(series, today, spec.windowDays);
  if (end < 0) return undefined;
  return {
    metric: series[end]!.metric,
    value: aggregateWindow(series, end, from, spec.aggregation),
    asOf: series[end]!.date,
    observations: end - firstAfter(series, from, end) + 1,
  };
}
