import { describe, expect, it } from 'vitest';
import { coverageAdvice } from '../../../src/conversation/coverage-advice.js';
import { builtInPresets } from '../../../src/core/presets/built-in-presets.js';
import { coverageGaps, inputWeights } from '../../../src/core/scoring/coverage-gaps.js';
import type { InsufficientData } from '../../../src/core/scoring/data-sufficiency.js';

const model = builtInPresets.get('bis-table')!.model!;

const gap = (
  coverage: number,
  missing: string[],
  reason: InsufficientData['reason'] = 'low-coverage',
): InsufficientData => ({
  kind: 'insufficient-data',
  modelId: model.id,
  modelVersion: model.version,
  computedAt: '2026-06-01T00:00:00.000Z',
  reason,
  coverage,
  minimumCoverage: model.minimumCoverage,
  missing: missing.map((metric) => ({ dimension: 'x', metric, label: metric, lastSeen: null })),
  newestData: '2026-05-01',
  text: 'Not enough data to score.',
});

describe('coverage gaps', () => {
  it('weighs each input by its dimension and its share of it', () => {
    const w = inputWeights(model);
    // Usage 30 % x daily active users 40 % of usage = 12 %; expansion readiness is all of 10 %.
    expect(w.get('dau_pct')!.weight).toBeCloseTo(0.12, 10);
    expect(w.get('expansion_readiness_pct')!.weight).toBeCloseTo(0.1, 10);
    expect([...w.values()].reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 10);
  });

  it('names the missing inputs, heaviest first, with how often they were missing', () => {
    const business = ['xla_achievement_pct', 'roi_realization_pct', 'efficiency_gain_pct', 'product_satisfaction_pct'];
    const gaps = coverageGaps(model, [
      gap(0.35, [...business, 'expansion_readiness_pct']),
      gap(0.38, [...business, 'expansion_readiness_pct', 'meetings']),
      gap(0.45, business),
      gap(0, [], 'before-start'), // not a coverage gap: not counted
    ])!;
    expect(gaps).toMatchObject({ modelId: 'bis-table', unscored: 3, minimumCoverage: 0.5, medianCoverage: 0.38 });
    expect(gaps.missing.map((m) => [m.metric, Math.round(m.weight * 1000) / 10, m.missingIn])).toEqual([
      ['xla_achievement_pct', 10, 3],
      ['expansion_readiness_pct', 10, 2],
      ['roi_realization_pct', 7.5, 3],
      ['meetings', 6, 1],
      ['efficiency_gain_pct', 3.8, 3],
      ['product_satisfaction_pct', 3.8, 3],
    ]);
    const [why, wayOut] = coverageAdvice(gaps, 2);
    expect(why).toBe(
      `3 snapshot(s) of model bis-table are "not enough data": it needs 50 % of its weight backed by recent data, and these had 38 % (median). Missing: ${gaps.missing[0]!.label} (10 % of the weight, missing in 3), ${gaps.missing[1]!.label} (10 % of the weight, missing in 2), and 4 more.`,
    );
    expect(wayOut).toContain('tend presets use <id>');
    expect(wayOut).toContain('tend presets show bis-table > my-preset.json');
    expect(wayOut).toContain('Then run tend backfill again.');
  });

  it('is null when the model left nothing unscored for lack of coverage', () => {
    expect(coverageGaps(model, [gap(0, [], 'no-data')])).toBeNull();
  });
});
