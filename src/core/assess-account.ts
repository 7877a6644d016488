import type { Preset } from './presets/preset-schema.js';
import type { HealthModel } from './scoring/health-model-schema.js';
import type { HealthScore } from './scoring/health-score.js';
import type { ObservationIndex } from './scoring/resolve-inputs.js';
import { scoreAccount } from './scoring/score-account.js';
import { evaluateTriggers, type Signal } from './signals/evaluate-triggers.js';
import { trendsFromHistory, type DimensionTrends } from './signals/trends.js';

export interface AccountFacts {
  status: 'active' | 'churned';
  renewalDate?: string;
}

export interface Assessment {
  score: HealthScore;
  signals: Signal[];
  trends: DimensionTrends;
}

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
  // Trends only compare scores from the same model; a model change starts a new series.
  const sameModel = input.history.filter((h) => h.modelId === score.modelId && h.modelVersion === score.modelVersion);
  const trends = trendsFromHistory([...sameModel, score]);
  const signals = input.triggerPresets.flatMap((preset) =>
    evaluateTriggers(preset.id, preset.triggers, {
      now: input.now,
      score,
      observations: input.observations,
      status: input.account.status,
      ...(input.account.renewalDate ? { renewalDate: input.account.renewalDate } : {}),
      trends,
    }),
  );
  return { score, signals, trends };
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
