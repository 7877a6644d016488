import type { Band } from './health-model-schema.js';

// The explained result of scoring one account. It is stored with each snapshot, so a later score
// can say what moved; every number a user sees about health comes from here.

export interface ScoredInput {
  metric: string;
  label: string;
  unit: string;
  /** Raw value in the metric's unit; null when missing. */
  value: number | null;
  asOf: string | null;
  /** 0..100 after the normaliser (for penalty inputs: 100 minus the points deducted). */
  normalised: number | null;
  /** Share of its dimension, percent (nominal, as in the model). */
  weight: number;
  /** Share of the overall score this input carried, percent, after any renormalisation. */
  effectiveWeight: number;
  aggregation: string;
  windowDays: number;
  status: 'present' | 'stale' | 'missing' | 'zero-filled';
  /** For penalty inputs: points deducted. */
  penalty?: number;
}

export interface ScoredDimension {
  key: string;
  label: string;
  score: number | null;
  /** Nominal weight in the model, percent. */
  weight: number;
  /** Weight actually applied after renormalisation over the dimensions present, percent. */
  effectiveWeight: number;
  /** Points this dimension adds to the overall score (effectiveWeight x score / 100). */
  contribution: number;
  inputs: ScoredInput[];
}

export interface Driver {
  dimension: string;
  metric: string;
  label: string;
  value: number;
  unit: string;
  normalised: number;
  /** Points above (+) or below (-) the model's driver target this input accounts for. */
  impact: number;
  text: string;
}

export interface Recommendation {
  priority: string;
  category: string;
  action: string;
  expectedImpact?: string;
  reason: string;
}

export interface RedFlag {
  id: string;
  label: string;
  metric: string;
  value: number;
  threshold: string;
}

export interface Coverage {
  inputsTotal: number;
  inputsPresent: number;
  missing: { dimension: string; metric: string; handling: string }[];
  stale: { dimension: string; metric: string; asOf: string }[];
  dimensionsMissing: string[];
  policy: 'renormalise' | 'zero';
  /** 0..1: share of the model's weight backed by data in its window (absent on snapshots stored before it existed). */
  weightCovered?: number;
}

export interface ChangeExplanation {
  delta: number;
  previousOverall: number;
  previousAt: string;
  band?: { from: string; to: string };
  dimensions: {
    key: string;
    label: string;
    delta: number;
    inputs: { metric: string; label: string; unit: string; from: number | null; to: number | null }[];
  }[];
  summary: string;
}

export interface HealthScore {
  modelId: string;
  modelVersion: string;
  computedAt: string;
  overall: number;
  /** Unrounded overall; contributions sum to it. */
  overallExact: number;
  band: Pick<Band, 'key' | 'label' | 'colour'> & { meaning?: string; atRisk: boolean };
  /** 0..1: the share of the model's weight backed by fresh data. */
  confidence: number;
  dimensions: Record<string, ScoredDimension>;
  coverage: Coverage;
  drivers: { positive: Driver[]; negative: Driver[] };
  redFlags: RedFlag[];
  recommendations: Recommendation[];
  change?: ChangeExplanation;
}
