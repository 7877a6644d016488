import { describe, expect, it } from 'vitest';
import { fitThreshold, ThresholdRefusal, type ThresholdPoint } from '../../../src/core/backtest/fit-threshold.js';

// Ten renewal days, twenty accounts each scored 0, 5, ..., 95: those below 20 churn, and the one at 50.
const days = Array.from(
  { length: 10 },
  (_, d) => `2026-0${Math.floor(d / 3) + 1}-${String((d % 3) * 10 + 1).padStart(2, '0')}`,
);
const points = (churned: (score: number) => boolean, dayCount = 10): ThresholdPoint[] =>
  days
    .slice(0, dayCount)
    .flatMap((occurredOn) =>
      Array.from({ length: 20 }, (_, i) => ({ occurredOn, score: i * 5, churned: churned(i * 5) })),
    );
const usual = (score: number) => score < 20 || score === 50;

describe('fitting the at-risk boundary', () => {
  it('for a precision: the most recall that keeps it, checked on the later days', () => {
    const fit = fitThreshold(points(usual), { metric: 'precision', value: 0.9 });
    // Below 16 to 20 flags 0, 5, 10 and 15: all churned (precision 1), four of five churns; 16 is the lowest.
    expect(fit.boundary).toBe(16);
    expect(fit.fitted).toMatchObject({ outcomes: 140, churns: 35, precision: 1, recall: 0.8 });
    expect(fit.heldOut).toMatchObject({
      from: days[7],
      to: days[9],
      outcomes: 60,
      churns: 15,
      precision: 1,
      recall: 0.8,
      flagRate: 0.2,
      baseRate: 0.25,
    });
  });

  it('for a recall: the most precision that keeps it', () => {
    const fit = fitThreshold(points(usual), { metric: 'recall', value: 0.9 });
    // Catching the churn at 50 needs "below 51": 11 scores flagged, 5 churned.
    expect(fit.boundary).toBe(51);
    expect(fit.heldOut.recall).toBe(1);
    expect(fit.heldOut.precision).toBeCloseTo(5 / 11, 10);
  });

  it('refuses a target no boundary reaches, with the best there is', () => {
    // The lowest score renews: the best precision is 3 of 4 (below 16 to 20). Three churns a day:
    // the split moves to six fitted days so that the later four still hold 10 churns.
    const mixed = points((s) => s > 0 && s < 20);
    expect(() => fitThreshold(mixed, { metric: 'precision', value: 0.8 })).toThrow(
      new ThresholdRefusal(
        'No boundary reaches precision 80 % on the 120 fitted outcomes (the best is 75 %): ask for less, or improve the model first.',
      ),
    );
  });

  it('refuses too few churns on either side of the split, and outcomes all on one day', () => {
    expect(() => fitThreshold(points(usual, 3), { metric: 'precision', value: 0.5 })).toThrow(
      /Not enough data to fit a boundary: 60 scored outcome\(s\), 15 churned/,
    );
    const oneDay = points(usual).map((p) => ({ ...p, occurredOn: '2026-06-30' }));
    expect(() => fitThreshold(oneDay, { metric: 'recall', value: 0.5 })).toThrow(ThresholdRefusal);
  });
});
