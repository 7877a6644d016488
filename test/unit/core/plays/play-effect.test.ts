import { describe, expect, it } from 'vitest';
import {
  meanDifference,
  playEffects,
  proportionDifference,
  type PlayCase,
} from '../../../../src/core/plays/play-effect.js';

const none = { d30: null, d60: null, d90: null };

describe('which plays work', () => {
  it("matches Newcombe's published interval for a difference of proportions (56/70 vs 48/80)", () => {
    const d = proportionDifference(56, 70, 48, 80);
    expect(d.estimate).toBeCloseTo(0.2, 6);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
  });

  it("gives Welch's interval for a difference of means", () => {
    const d = meanDifference([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]);
    expect(d.estimate).toBe(-1);
    // se = 1, df = 8, t(0.975, 8) = 2.306
    expect(d.low).toBeCloseTo(-1 - 2.306, 2);
    expect(d.high).toBeCloseTo(-1 + 2.306, 2);
  });

  it('compares completed runs with the same trigger not run or abandoned, and waits for enough cases', () => {
    const cases: PlayCase[] = [
      ...Array.from({ length: 40 }, (_, i): PlayCase => ({
        playId: 'p',
        arm: 'completed',
        churned: i < 6,
        healthChange: none,
      })),
      ...Array.from({ length: 30 }, (_, i): PlayCase => ({
        playId: 'p',
        arm: 'not_run',
        churned: i < 12,
        healthChange: none,
      })),
      ...Array.from({ length: 10 }, (_, i): PlayCase => ({
        playId: 'p',
        arm: 'abandoned',
        churned: i < 4,
        healthChange: none,
      })),
      ...Array.from({ length: 5 }, (): PlayCase => ({
        playId: 'p',
        arm: 'completed',
        churned: null,
        healthChange: none,
      })),
      ...Array.from({ length: 9 }, (_, i): PlayCase => ({
        playId: 'q',
        arm: i % 2 ? 'completed' : 'not_run',
        churned: false,
        healthChange: none,
      })),
    ];
    const [p, q] = playEffects(cases);
    expect(p).toMatchObject({ cases: 85, completed: 45, notRun: 30, abandoned: 10 });
    expect(p!.churn).toMatchObject({
      kind: 'measured',
      treated: { n: 40, value: 0.15 },
      control: { n: 40, value: 0.4 },
    });
    expect(p!.churn.kind === 'measured' && p!.churn.difference.high).toBeLessThan(0);
    expect(p!.health.d30).toEqual({ kind: 'insufficient', treated: 0, control: 0, minimum: 10 });
    expect(q!.churn).toEqual({ kind: 'insufficient', treated: 4, control: 5, minimum: 10 });
  });
});
