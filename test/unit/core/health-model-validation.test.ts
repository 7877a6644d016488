import { describe, expect, it } from 'vitest';
import { presetSource } from '../../../src/core/presets/built-in-presets.js';
import { InvalidModelError, parseHealthModel } from '../../../src/core/scoring/health-model-schema.js';

const base = () =>
  structuredClone((presetSource('omnigaze') as { model: Record<string, unknown> }).model) as {
    dimensions: { key: string; weight: number; inputs: { metric: string; weight: number }[] }[];
    bands: { key: string; min: number; max: number }[];
    normaliseWeights?: boolean;
  };

const problems = (model: unknown) => {
  try {
    parseHealthModel(model);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidModelError);
    return (error as InvalidModelError).problems;
  }
};

describe('health model validation', () => {
  it('accepts every built-in model', () => {
    expect(problems(base())).toEqual([]);
  });

  it('names an unknown metric and where it is', () => {
    const model = base();
    model.dimensions[0]!.inputs[0]!.metric = 'daily_logins';
    expect(problems(model)).toEqual([
      expect.stringMatching(/^dimensions\.0\.inputs\.0\.metric: unknown metric "daily_logins" \(known: dau_pct, /),
    ]);
  });

  it('rejects weights that do not sum to 100 unless normalisation is asked for', () => {
    const model = base();
    model.dimensions[0]!.weight = 35;
    model.dimensions[1]!.inputs[0]!.weight = 50;
    expect(problems(model)).toEqual([
      'dimensions.1.inputs: input weights of dimension "business_value" sum to 110, not 100 (set normaliseWeights: true to scale them)',
      'dimensions: dimension weights sum to 105, not 100 (set normaliseWeights: true to scale them)',
    ]);
    model.normaliseWeights = true;
    expect(problems(model)).toEqual([]);
  });

  it('rejects bands with gaps or overlaps', () => {
    const gap = base();
    gap.bands[0]!.max = 55;
    expect(problems(gap)).toEqual(['bands: bands leave a gap between 55 ("red") and 60 ("yellow")']);
    const overlap = base();
    overlap.bands[1]!.min = 50;
    expect(problems(overlap)).toEqual(['bands: bands "red" and "yellow" overlap between 50 and 60']);
    const short = base();
    short.bands[2]!.max = 95;
    expect(problems(short)).toEqual(['bands: bands leave a gap: nothing covers 95 to 100']);
  });
});
