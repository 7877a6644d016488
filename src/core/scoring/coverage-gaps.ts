import type { InsufficientData } from './data-sufficiency.js';
import type { HealthModel } from './health-model-schema.js';
import { labelOf } from './format.js';

/** Why a model left snapshots unscored, summed over them: which inputs it lacked and what they weigh. */
export interface CoverageGaps {
  modelId: string;
  /** "Not enough data" states of this model (before-start and no-data ones are not counted). */
  unscored: number;
  /** 0..1: the share of the model's weight a snapshot needs backed by data. */
  minimumCoverage: number;
  /** 0..1: the median share the unscored snapshots had. */
  medianCoverage: number;
  /** The model's inputs missing in at least one unscored snapshot, heaviest first. */
  missing: {
    metric: string;
    label: string;
    dimension: string;
    /** 0..1: the input's share of the model's whole weight. */
    weight: number;
    /** How many of the unscored snapshots lacked it. */
    missingIn: number;
  }[];
}

/** Each input's share of the model's whole weight: its dimension's share times its share of the dimension. */
export function inputWeights(model: HealthModel): Map<string, { dimension: string; label: string; weight: number }> {
  const total = model.dimensions.reduce((s, d) => s + d.weight, 0);
  const out = new Map<string, { dimension: string; label: string; weight: number }>();
  for (const d of model.dimensions) {
    const inputs = d.inputs.reduce((s, i) => s + i.weight, 0);
    for (const input of d.inputs) {
      const weight = (d.weight / total) * (input.weight / inputs);
      const known = out.get(input.metric);
      out.set(input.metric, {
        dimension: known?.dimension ?? d.key,
        label: labelOf(input.metric, input.label),
        weight: (known?.weight ?? 0) + weight,
      });
    }
  }
  return out;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * What kept a model from scoring: over its "not enough data" states from too little coverage or old
 * data, the median coverage against the minimum, and each missing input with its weight and how
 * often it was missing. Null when the model left nothing unscored for those reasons.
 */
export function coverageGaps(model: HealthModel, gaps: readonly InsufficientData[]): CoverageGaps | null {
  const own = gaps.filter((g) => g.modelId === model.id && (g.reason === 'low-coverage' || g.reason === 'old-data'));
  if (!own.length) return null;
  const weights = inputWeights(model);
  const counts = new Map<string, number>();
  for (const g of own) for (const m of new Set(g.missing.map((x) => x.metric))) counts.set(m, (counts.get(m) ?? 0) + 1);
  const missing = [...counts]
    .flatMap(([metric, missingIn]) => {
      const w = weights.get(metric);
      return w ? [{ metric, label: w.label, dimension: w.dimension, weight: w.weight, missingIn }] : [];
    })
    .sort((a, b) => b.weight - a.weight || b.missingIn - a.missingIn || a.metric.localeCompare(b.metric));
  return {
    modelId: model.id,
    unscored: own.length,
    minimumCoverage: model.minimumCoverage,
    medianCoverage: median(own.map((g) => g.coverage)),
    missing,
  };
}
