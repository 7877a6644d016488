import { describe, expect, it } from 'vitest';
import { scoringPresets } from '../../../src/core/presets/built-in-presets.js';
import { isAtRiskBand } from '../../../src/core/scoring/at-risk.js';

describe('which bands count as at risk', () => {
  it('follows each reference: intervention bands are at risk, attention-only bands are not', () => {
    const atRisk = Object.fromEntries(
      scoringPresets().map((p) => [p.id, p.model!.bands.filter((b) => isAtRiskBand(b)).map((b) => b.key)]),
    );
    expect(atRisk).toEqual({
      miyar: ['critical', 'at_risk'],
      omnigaze: ['red'],
      mapleai: ['critical', 'at_risk'],
      'bis-table': ['urgent', 'critical', 'at_risk'],
      'bis-calculator': ['urgent', 'critical', 'at_risk'],
    });
  });

  it('lets a preset say so explicitly', () => {
    expect(isAtRiskBand({ min: 70, atRisk: true })).toBe(true);
    expect(isAtRiskBand({ min: 40, atRisk: false })).toBe(false);
  });
});
