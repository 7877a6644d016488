import type { Band } from './health-model-schema.js';

/**
 * Whether a band counts as "at risk" in lists and filters: as the preset says (`atRisk`), else any
 * band starting below 60, where every reference puts intervention.
 */
export function isAtRiskBand(band: Pick<Band, 'min' | 'atRisk'>): boolean {
  return band.atRisk ?? band.min < 60;
}
