// What the backtest and the calibration read: outcomes and the scores that came before them, as
// plain facts (days as ISO strings, no clock, no database).

export type OutcomeKind = 'renewed' | 'expanded' | 'contracted' | 'churned';

export interface OutcomeFact {
  id: string;
  accountId: string;
  accountName: string;
  kind: OutcomeKind;
  /** ISO day. */
  occurredOn: string;
  arrBefore: number | null;
  arrAfter: number | null;
}

export interface SnapshotFact {
  id: string;
  accountId: string;
  /** ISO timestamp. */
  computedAt: string;
  /** Null when there was not enough data to score. */
  overall: number | null;
  band: string;
  /** Per-dimension score 0..100 (null: no data for it). */
  dimensions: Record<string, number | null>;
  modelId: string;
  modelVersion: string;
}

/** How a model (as it scored, or replayed) reads one snapshot. */
export interface ScoredPoint {
  score: number;
  band: string;
  bandLabel: string;
  atRisk: boolean;
}

/** Undefined when the snapshot has no score (not enough data): such outcomes count as unscored. */
export type Scorer = (snapshot: SnapshotFact) => ScoredPoint | undefined;

export const dayMs = 86_400_000;
export const dayOf = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
