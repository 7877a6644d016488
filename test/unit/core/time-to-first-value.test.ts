import { describe, expect, it } from 'vitest';
import {
  isOnboardingStage,
  marksFirstValue,
  timeToFirstValue,
  type FirstValueFact,
} from '../../../src/core/metrics/time-to-first-value.js';

const now = new Date('2026-09-14T09:00:00Z');
const fact = (id: string, start: string, value: string | null): FirstValueFact => ({
  accountId: id,
  contractStart: start,
  firstValueAt: value,
});

describe('time to first value', () => {
  it('takes the median of the days from contract start to the milestone, and the share within target', () => {
    const result = timeToFirstValue(
      [
        fact('a', '2026-06-01', '2026-06-11T15:00:00Z'), // 10
        fact('b', '2026-06-01', '2026-06-21T15:00:00Z'), // 20
        fact('c', '2026-06-01', '2026-07-01T15:00:00Z'), // 30
        fact('d', '2026-06-01', '2026-07-11T15:00:00Z'), // 40
        fact('e', '2026-06-01', '2026-07-21T15:00:00Z'), // 50
        fact('f', '2026-06-01', '2026-07-31T15:00:00Z'), // 60
      ],
      [],
      now,
    );
    expect(result).toMatchObject({
      kind: 'measured',
      reached: 6,
      medianDays: 35,
      withinTarget: 3,
      withinTargetPct: 50,
    });
  });

  it('counts onboardings still waiting past the target as misses, so slow ones cannot be left out', () => {
    const reached = ['a', 'b', 'c', 'd', 'e'].map((id) => fact(id, '2026-08-01', '2026-08-11T12:00:00Z'));
    const waiting = [fact('w1', '2026-07-01', null), fact('w2', '2026-09-01', null), fact('w3', '2026-10-01', null)];
    const result = timeToFirstValue(reached, waiting, now);
    // w3 has not started yet; w1 has waited 75 days, w2 13.
    expect(result).toMatchObject({ kind: 'measured', waiting: 2, waitingPastTarget: 1, withinTarget: 5 });
    expect(result.kind === 'measured' && result.withinTargetPct).toBe(83.3);
  });

  it('says not enough data below the minimum instead of a median of one or two', () => {
    const result = timeToFirstValue([fact('a', '2026-06-01', '2026-06-05T00:00:00Z')], [], now);
    expect(result).toEqual({ kind: 'insufficient', reached: 1, waiting: 0, minimum: 5, targetDays: 30 });
  });

  it('leaves out a milestone before the contract start (a renewed term) rather than a negative duration', () => {
    const reached = ['a', 'b', 'c', 'd'].map((id) => fact(id, '2026-06-01', '2026-06-08T00:00:00Z'));
    const result = timeToFirstValue([...reached, fact('r', '2026-08-01', '2025-09-01T00:00:00Z')], [], now);
    expect(result.kind).toBe('insufficient');
  });

  it('recognises first-value milestones and onboarding stages of the presets', () => {
    expect(marksFirstValue('First value: first report delivered')).toBe(true);
    expect(marksFirstValue('Onboarding complete')).toBe(false);
    expect(isOnboardingStage('implementation')).toBe(true);
    expect(isOnboardingStage('pre_onboarding')).toBe(true);
    expect(isOnboardingStage('adoption')).toBe(false);
  });
});
