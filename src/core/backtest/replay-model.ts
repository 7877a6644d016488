import { isAtRiskBand } from '../scoring/at-risk.js';
import type { HealthModel } from '../scoring/health-model-schema.js';
import { roundTo } from '../scoring/rounding.js';
import type { Scorer, SnapshotFact } from './outcome-facts.js';

/**
 * A model replayed over stored dimension scores: its weights (renormalised over the dimensions a
 * snapshot has, as the scorer does), its rounding and its bands. Dimension scores do not depend on
 * weights, so this is exact for any model with the same dimensions; it refuses others. A snapshot
 * without a score, or whose dimensions carry less than the model's minimum coverage, stays unscored.
 */
export function replayScorer(model: HealthModel): Scorer {
  const bands = [...model.bands].sort((a, b) => a.min - b.min);
  const keys = model.dimensions.map((d) => d.key);
  const totalWeight = model.dimensions.reduce((t, d) => t + d.weight, 0);
  return (snapshot: SnapshotFact) => {
    if (snapshot.overall === null) return undefined;
    let weighted = 0;
    let weights = 0;
    for (const d of model.dimensions) {
      const score = snapshot.dimensions[d.key];
      if (score === undefined)
        throw new Error(
          `the snapshots were scored on ${Object.keys(snapshot.dimensions).join(', ')}; model "${model.id}" needs ${keys.join(', ')}`,
        );
      if (score === null) continue;
      weighted += d.weight * score;
      weights += d.weight;
    }
    // The dimensions a snapshot has stand in for its inputs: below the model's coverage floor, no score.
    if (weights === 0 || weights / totalWeight < model.minimumCoverage) return undefined;
    const exact = weighted / weights;
    const score = roundTo(exact, model.rounding.decimals, model.rounding.mode);
    const bandScore = model.bandFrom === 'exact' ? exact : score;
    let band = bands[0]!;
    for (const b of bands) if (bandScore >= b.min) band = b;
    return { score, band: band.key, bandLabel: band.label, atRisk: isAtRiskBand(band) };
  };
}

/** Whether a model can be replayed over snapshots with these dimensions. */
export function replayable(model: HealthModel, dimensions: readonly string[]): boolean {
  return model.dimensions.every((d) => dimensions.includes(d.key));
}
