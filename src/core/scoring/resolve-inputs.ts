import type { HealthModel, ModelInput } from './health-model-schema.js';

/** One stored value of a metric on a calendar day (YYYY-MM-DD). */
export interface Observation {
  metric: string;
  date: string;
  value: number;
}

/** The single value an input takes for a score, with where it came from. */
export interface ResolvedInput {
  metric: string;
  value: number;
  /** Newest observation used. */
  asOf: string;
  observations: number;
}

export type ResolvedInputs = Map<string, ResolvedInput>;

const DAY = 86_400_000;
export const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY);

/** Groups observations by metric, each sorted oldest first. */
export function indexObservations(observations: readonly Observation[]): Map<string, Observation[]> {
  const byMetric = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byMetric.get(o.metric);
    if (list) list.push(o);
    else byMetric.set(o.metric, [o]);
  }
  for (const list of byMetric.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return byMetric;
}

/** Aggregates a metric's observations inside a window ending at `now`; undefined when there are none. */
export function aggregate(
  series: readonly Observation[] | undefined,
  spec: Pick<ModelInput, 'aggregation' | 'windowDays'>,
  now: Date,
): ResolvedInput | undefined {
  if (!series || series.length === 0) return undefined;
  const today = Math.floor(now.getTime() / DAY);
  const from = today - spec.windowDays;
  const inWindow = series.filter((o) => {
    const d = dayNumber(o.date);
    return d > from && d <= today;
  });
  if (inWindow.length === 0) return undefined;
  const values = inWindow.map((o) => o.value);
  let value: number;
  switch (spec.aggregation) {
    case 'latest':
      value = values[values.length - 1]!;
      break;
    case 'sum':
      value = values.reduce((s, v) => s + v, 0);
      break;
    case 'mean':
      value = values.reduce((s, v) => s + v, 0) / values.length;
      break;
    case 'max':
      value = Math.max(...values);
      break;
    case 'min':
      value = Math.min(...values);
      break;
  }
  return { metric: series[0]!.metric, value, asOf: inWindow[inWindow.length - 1]!.date, observations: inWindow.length };
}

/** Resolves every input of a model from an account's observations, keyed `dimension.metric`. */
export function resolveInputs(model: HealthModel, byMetric: Map<string, Observation[]>, now: Date): ResolvedInputs {
  const resolved: ResolvedInputs = new Map();
  for (const dimension of model.dimensions) {
    for (const input of dimension.inputs) {
      const value = aggregate(byMetric.get(input.metric), input, now);
      if (value) resolved.set(inputKey(dimension.key, input.metric), value);
    }
  }
  return resolved;
}

export const inputKey = (dimension: string, metric: string) => `${dimension}.${metric}`;
