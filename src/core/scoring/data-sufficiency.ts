import type { HealthModel } from './health-model-schema.js';
import type { HealthScore } from './health-score.js';
import { labelOf } from './format.js';
import { dayNumber, lastOnOrBefore, type ObservationIndex } from './resolve-inputs.js';
import { roundTo } from './rounding.js';

// A score over too little data is not a low score: an account with no usable data scored 0/100
// would open a critical alert and look "predicted" in every backtest. Below the model's minimum
// coverage, or before the account started, the answer is this state instead of a number.

export type InsufficientReason = 'before-start' | 'no-data' | 'old-data' | 'low-coverage';

export interface InsufficientData {
  kind: 'insufficient-data';
  modelId: string;
  modelVersion: string;
  computedAt: string;
  reason: InsufficientReason;
  /** 0..1: share of the model's weight backed by data in its window. */
  coverage: number;
  minimumCoverage: number;
  /** The model's inputs with no data in their window, with the newest value there is (or null: never). */
  missing: { dimension: string; metric: string; label: string; lastSeen: string | null }[];
  /** Newest observation of any of the model's inputs on or before `now`; null when there is none. */
  newestData: string | null;
  startDate?: string;
  /** One sentence a person reads: what is missing and since when. */
  text: string;
}

/** The band key a stored "not enough data" snapshot carries; no model may use it for a band. */
export const insufficientBandKey = 'insufficient-data';

export const isInsufficient = (value: unknown): value is InsufficientData =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'insufficient-data';

/**
 * Whether a computed score rests on enough data to be shown. Returns the insufficient-data state
 * when it does not (below the model's minimum coverage; said as "before the start" when `now` is
 * before `startDate`), undefined when it does.
 */
export function insufficientData(
  model: HealthModel,
  score: HealthScore,
  observations: ObservationIndex,
  now: Date,
  startDate?: string,
): InsufficientData | undefined {
  const today = Math.floor(now.getTime() / 86_400_000);
  const coverage = score.coverage.weightCovered ?? 0;
  if (coverage >= model.minimumCoverage && coverage > 0) return undefined;
  // A contract start is often the current term's: data from before it (an earlier term) still scores.
  const beforeStart = startDate !== undefined && today < dayNumber(startDate);

  const missing: InsufficientData['missing'] = [];
  let newest: string | null = null;
  for (const dimension of Object.values(score.dimensions)) {
    for (const input of dimension.inputs) {
      const series = observations.get(input.metric);
      const last = series ? lastOnOrBefore(series, today) : -1;
      const lastSeen = last >= 0 ? series![last]!.date : null;
      if (lastSeen && (newest === null || lastSeen > newest)) newest = lastSeen;
      if (input.status === 'missing' || input.status === 'zero-filled')
        missing.push({
          dimension: dimension.key,
          metric: input.metric,
          label: labelOf(input.metric, input.label),
          lastSeen,
        });
    }
  }
  const reason: InsufficientReason = beforeStart
    ? 'before-start'
    : coverage === 0
      ? newest === null
        ? 'no-data'
        : 'old-data'
      : 'low-coverage';
  const percent = (v: number) => `${roundTo(v * 100, 0)} %`;
  const text =
    reason === 'before-start'
      ? `Not enough data to score: the account starts on ${startDate}.`
      : reason === 'no-data'
        ? 'Not enough data to score: no data yet for any of the health model’s inputs.'
        : reason === 'old-data'
          ? `Not enough data to score: the newest data is from ${newest}, older than the model’s windows.`
          : `Not enough data to score: ${percent(coverage)} of the model’s weight has recent data (it needs ${percent(model.minimumCoverage)}); missing: ${missing
              .slice(0, 4)
              .map((m) => `${m.label} (${m.lastSeen ? `last ${m.lastSeen}` : 'never'})`)
              .join(', ')}${missing.length > 4 ? `, and ${missing.length - 4} more` : ''}.`;
  return {
    kind: 'insufficient-data',
    modelId: score.modelId,
    modelVersion: score.modelVersion,
    computedAt: score.computedAt,
    reason,
    coverage: roundTo(coverage, 4),
    minimumCoverage: model.minimumCoverage,
    missing,
    newestData: newest,
    ...(startDate ? { startDate } : {}),
    text,
  };
}
