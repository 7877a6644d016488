import type { Normaliser } from './health-model-schema.js';

/** Maps a raw value to 0..100 (for `penalty`, the points deducted; see `penaltyPoints`). */
export function normalise(normaliser: Normaliser, value: number): number {
  switch (normaliser.kind) {
    case 'percentage':
      return Math.max(0, Math.min(value, 100));
    case 'linear_to_target':
      return Math.max(0, Math.min((value / normaliser.target) * 100, 100));
    case 'ratio_to_baseline':
      return Math.max(0, Math.min((value / normaliser.baseline) * 100, normaliser.cap, 100));
    case 'inverse': {
      if (value <= normaliser.good) return 100;
      if (value >= normaliser.bad) return 0;
      return ((normaliser.bad - value) / (normaliser.bad - normaliser.good)) * 100;
    }
    case 'penalty':
      return Math.max(0, 100 - penaltyPoints(normaliser, value));
    case 'banded': {
      const band = normaliser.bands.find(
        (b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max),
      );
      return band?.score ?? 0;
    }
    case 'nps':
      return Math.max(0, Math.min((value + 100) / 2, 100));
    case 'csat':
      return Math.max(0, Math.min(((value - 1) / 4) * 100, 100));
    case 'boolean':
      return value >= 0.5 ? 100 : 0;
  }
}

/** Points a penalty input deducts: min((value - threshold) / divisor * multiplier, cap), 0 at or below the threshold. */
export function penaltyPoints(normaliser: Extract<Normaliser, { kind: 'penalty' }>, value: number): number {
  if (!(value > normaliser.threshold)) return 0;
  const points = ((value - normaliser.threshold) / normaliser.divisor) * normaliser.multiplier;
  return normaliser.cap === undefined ? points : Math.min(points, normaliser.cap);
}

/** Whether a higher raw value raises the score under this normaliser (the input's good direction). */
export function higherIsBetter(normaliser: Normaliser): boolean {
  return normaliser.kind !== 'inverse' && normaliser.kind !== 'penalty';
}
