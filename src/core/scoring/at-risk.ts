import type { Band } from './health-model-schema.js';

/**
 * Whether a band counts as "at risk" in lists and filters: any band below 60 (every reference puts
 * intervention there) or one the preset names at-risk (BIS and MapleAI's "At Risk" reach 70-80).
 */
export function isAtRiskBand(band: Pick<Band, 'key' | 'min'>): boolean {
  return band.min < 60 || /risk/i.test(band.key);
}
