import type { Preset } from './presets/preset-schema.js';
import type { HealthModel } from './scoring/health-model-schema.js';
import { insufficientData, type InsufficientData } from './scoring/data-sufficiency.js';
import type { HealthScore } from './scoring/health-score.js';
import type { ObservationIndex } from './scoring/resolve-inputs.js';
import { scoreAccount } from './scoring/score-account.js';
import { evaluateTriggers, type Signal } from './signals/evaluate-triggers.js';
import { trendsFromHistory, type DimensionTrends } from './signals/trends.js';

export interface AccountFacts {
  status: 'active' | 'churned';
  renewalDate?: string;
  /** Contract start (YYYY-MM-DD): before it there is nothing to score. */
  startDate?: string;
}

export interface ScoredAssessment {
  kind: 'scored';
  score: HealthScore;
  signals: Signal[];
  trends: DimensionTrends;
}

/**
 * Too little data for a score: no band, so no at-risk alert. Triggers on the data there is
 * (a metric below a threshold, a renewal) still fire; those on the score cannot.
 */
export interface UnscoredAssessment {
  kind: 'insufficient-data';
  gap: InsufficientData;
  signals: Signal[];
}

export type Assessment = ScoredAssessment | UnscoredAssessment;

/**
 * Scores an account and evaluates the workspace's triggers on the result. `history` holds earlier
 * scores, one per period, oldest first, for trends.
 */
export function assessAccount(input: {
  model: HealthModel;
  triggerPresets: readonly Preset[];
  observations: ObservationIndex;
  account: AccountFacts;
  history: readonly HealthScore[];
  /** The score to explain the change against; defaults to the newest of `history`. */
  previous?: HealthScore;
  now: Date;
}): Assessment {
  const previous = input.previous ?? input.history.at(-1);
  const score = scoreAccount(input.model, input.observations, { now: input.now, ...(previous ? { previous } : {}) });
  const gap = insufficientData(input.model, score, input.observations, input.now, input.account.startDate);
  const signalsOn = (scored: HealthScore | undefined, trends?: DimensionTrends) =>
    input.triggerPresets.flatMap((preset) =>
      evaluateTriggers(preset.id, preset.triggers, {
        now: input.now,
        ...(scored ? { score: scored } : {}),
        observations: input.observations,
        status: input.account.status,
        ...(input.account.renewalDate ? { renewalDate: input.account.renewalDate } : {}),
        ...(trends ? { trends } : {}),
      }),
    );
  if (gap)
    return { kind: 'insufficient-data', gap, signals: gap.reason === 'before-start' ? [] : signalsOn(undefined) };
  // Trends only compare scores from the same model; a model change starts a new series.
  const sameModel = input.history.filter((h) => h.modelId === score.modelId && h.modelVersion === score.modelVersion);
  const trends = trendsFromHistory([...sameModel, score]);
  const signals = signalsOn(score, trends);
  return { kind: 'scored', score, signals, trends };
}

/** Days of history a model and its triggers read, so callers load no more than needed. */
export function dataWindowDays(model: HealthModel, triggerPresets: readonly Preset[]): number {
  let days = 0;
  for (const d of model.dimensions) for (const i of d.inputs) days = Math.max(days, i.windowDays);
  for (const f of model.redFlags) days = Math.max(days, f.windowDays);
  for (const p of triggerPresets) {
    for (const t of p.triggers) {
      const conditions = t.condition.kind === 'all' ? t.condition.conditions : [t.condition];
      for (const c of conditions) {
        if (c.kind === 'metric') days = Math.max(days, c.windowDays);
        if (c.kind === 'metric_change') days = Math.max(days, c.periodDays * 2);
      }
    }
  }
  return days;
}
