import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricCatalogue } from '../../../src/core/metrics/metric-catalogue.js';
import { scoringPresets } from '../../../src/core/presets/built-in-presets.js';
import type { HealthModel } from '../../../src/core/scoring/health-model-schema.js';
import { higherIsBetter } from '../../../src/core/scoring/normalise.js';
import { indexObservations, type Observation } from '../../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../../src/core/scoring/score-account.js';

const now = new Date('2026-11-22T09:00:00Z');
const days = ['2026-11-21', '2026-11-14', '2026-11-07'];

const rangeOf = (metric: string): [number, number] => {
  const def = metricCatalogue.get(metric)!;
  if (def.range) return [def.range[0], def.range[1]];
  return def.unit === 'hours' ? [0, 200] : def.unit === 'days' ? [0, 120] : def.unit === 'ratio' ? [0, 12] : [0, 40];
};

const metricsOf = (model: HealthModel) => [...new Set(model.dimensions.flatMap((d) => d.inputs.map((i) => i.metric)))];

/** One to three observations per metric of the model, on different recent days. */
const accountData = (model: HealthModel) =>
  fc.record(
    Object.fromEntries(
      metricsOf(model).map((metric) => {
        const [lo, hi] = rangeOf(metric);
        return [metric, fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: 1, maxLength: 3 })];
      }),
    ),
  ) as fc.Arbitrary<Record<string, number[]>>;

const toObservations = (data: Record<string, number[]>): Observation[] =>
  Object.entries(data).flatMap(([metric, values]) => values.map((value, i) => ({ metric, date: days[i]!, value })));

const score = (model: HealthModel, observations: Observation[]) =>
  scoreAccount(model, indexObservations(observations), { now });

describe.each(scoringPresets().map((p) => [p.id, p.model!] as const))('scoring properties of %s', (_id, model) => {
  it('keeps the overall and every dimension within 0..100, and the contributions add up to the overall', () => {
    fc.assert(
      fc.property(accountData(model), (data) => {
        const s = score(model, toObservations(data));
        expect(s.overall).toBeGreaterThanOrEqual(0);
        expect(s.overall).toBeLessThanOrEqual(100);
        for (const d of Object.values(s.dimensions)) {
          expect(d.score!).toBeGreaterThanOrEqual(0);
          expect(d.score!).toBeLessThanOrEqual(100);
        }
        const sum = Object.values(s.dimensions).reduce((t, d) => t + d.contribution, 0);
        expect(Math.abs(sum - s.overallExact)).toBeLessThan(1e-9);
      }),
    );
  });

  it('never falls when one input moves in its good direction', () => {
    const inputs = model.dimensions.flatMap((d) => d.inputs);
    fc.assert(
      fc.property(
        accountData(model),
        fc.nat({ max: inputs.length - 1 }),
        fc.double({ min: 0.001, max: 50, noNaN: true }),
        (data, which, step) => {
          const input = inputs[which]!;
          const [lo, hi] = rangeOf(input.metric);
          const better = structuredClone(data);
          // Move the newest value (the one `latest` reads; sums and means move the same way).
          const current = better[input.metric]![0]!;
          better[input.metric]![0] = higherIsBetter(input.normaliser)
            ? Math.min(hi, current + step)
            : Math.max(lo, current - step);
          const before = score(model, toObservations(data));
          const after = score(model, toObservations(better));
          expect(after.overallExact).toBeGreaterThanOrEqual(before.overallExact - 1e-9);
        },
      ),
    );
  });

  it('does not depend on the order observations arrive in', () => {
    fc.assert(
      fc.property(accountData(model), fc.integer(), (data, seed) => {
        const observations = toObservations(data);
        const shuffled = [...observations].sort(
          (a, b) => ((a.value * 7919 + seed) % 13) - ((b.value * 7919 + seed) % 13),
        );
        expect(score(model, shuffled)).toEqual(score(model, observations));
      }),
    );
  });

  it('lowers the confidence and lists the input whenever one is removed', () => {
    const metrics = metricsOf(model);
    fc.assert(
      fc.property(accountData(model), fc.nat({ max: metrics.length - 1 }), (data, which) => {
        const metric = metrics[which]!;
        const full = score(model, toObservations(data));
        const reduced = structuredClone(data);
        delete reduced[metric];
        const partial = score(model, toObservations(reduced));
        expect(partial.confidence).toBeLessThan(full.confidence);
        expect(partial.coverage.missing.map((m) => m.metric)).toContain(metric);
        expect(full.coverage.missing).toEqual([]);
      }),
    );
  });
});
