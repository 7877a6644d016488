import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import { parseAccountInput } from '../../../src/core/scoring/account-input.js';
import { indexObservations } from '../../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../../src/core/scoring/score-account.js';
import { bisTrend } from '../../../src/core/signals/trends.js';
import { projectRoot } from '../../../src/paths.js';

const now = new Date('2026-11-22T09:00:00Z');
const model = getPreset('bis-calculator').model!;
const score = (json: unknown) => {
  const input = parseAccountInput(json, now);
  return { score: scoreAccount(model, indexObservations(input.observations), { now }), input };
};

interface GoldenCase {
  input: Record<string, unknown> & { usage_history?: number[] };
  expected: {
    overall_score: number;
    status: string;
    dimension_scores: Record<string, number>;
    recommendations: { priority: string; category: string }[];
    trend_analysis: { usage_trend: string };
  };
}

describe('bis-calculator preset: document 004 reproduced number for number', () => {
  it("gives the document's worked example its numbers", () => {
    const example = JSON.parse(readFileSync(join(projectRoot, 'examples/bis-calculator-example.json'), 'utf8'));
    const { score: s } = score(example);
    expect(s.overall).toBe(68.5);
    expect(s.band.label).toBe('At Risk');
    expect(Object.fromEntries(Object.values(s.dimensions).map((d) => [d.key, d.score]))).toEqual({
      usage: 70.5,
      satisfaction: 68.5,
      business_value: 52,
      relationship: 72,
      support: 99,
    });
    expect(s.recommendations).toEqual([
      {
        priority: 'High',
        category: 'Satisfaction',
        action: 'Conduct satisfaction survey and address top pain points',
        expectedImpact: '10-20 point NPS improvement',
        reason: 'Satisfaction scores 68.5, below 70',
      },
    ]);
    expect(s.confidence).toBe(1);
    expect(s.coverage.missing).toEqual([]);
  });

  // 300 random inputs (missing fields and groups included) run through the Python original;
  // see test/fixtures/generate-bis-golden.py.
  const golden = JSON.parse(
    readFileSync(join(projectRoot, 'test/fixtures/bis-calculator-golden.json'), 'utf8'),
  ) as GoldenCase[];
  it.each(golden.map((c, i) => [i, c] as const))(
    'matches the Python calculator on case %i',
    (_i, { input, expected }) => {
      const { score: s, input: parsed } = score(input);
      expect(s.overall).toBe(expected.overall_score);
      expect(s.band.label).toBe(expected.status);
      for (const [key, value] of Object.entries(expected.dimension_scores))
        expect(s.dimensions[key]!.score, key).toBe(value);
      expect(s.recommendations.map((r) => ({ priority: r.priority, category: r.category }))).toEqual(
        expected.recommendations,
      );
      expect(bisTrend(parsed.usageHistory ?? [])).toBe(expected.trend_analysis.usage_trend);
    },
  );

  it('lists the inputs it counted as 0, as the calculator does, and lowers the confidence', () => {
    const { score: s } = score({ usage: { daily_active_users_percentage: 80 } });
    expect(s.coverage.policy).toBe('zero');
    expect(s.coverage.missing).toHaveLength(14);
    expect(s.coverage.missing[0]).toMatchObject({
      dimension: 'usage',
      metric: 'feature_adoption_pct',
      handling: expect.stringContaining('treated as 0'),
    });
    // 25 % x 30 % = 7.5 % of the model has data; 0.075 is stored just below the tie, so 0.07.
    expect(s.confidence).toBe(0.07);
  });

  it('rejects fields the calculator does not know, naming them', () => {
    expect(() => parseAccountInput({ usage: { daily_active_users: 75 } }, now)).toThrow(
      /usage: unknown field daily_active_users/,
    );
    expect(() => parseAccountInput({ usage: { daily_active_users_percentage: '75' } }, now)).toThrow(
      /usage.daily_active_users_percentage: must be a number/,
    );
  });
});
