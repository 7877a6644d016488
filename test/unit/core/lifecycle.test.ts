import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import { cadenceStatus } from '../../../src/core/lifecycle/cadence-status.js';
import { nextEscalationStep } from '../../../src/core/lifecycle/escalation.js';
import { lifecycleStage, type LifecycleFacts } from '../../../src/core/lifecycle/lifecycle-stage.js';
import { milestonesCrossed, renewalStatus } from '../../../src/core/lifecycle/renewal-milestones.js';

const now = new Date('2026-11-22T09:00:00Z');
const facts = (f: Partial<LifecycleFacts>): LifecycleFacts => ({ status: 'active', latest: () => undefined, ...f });

describe('lifecycle stages', () => {
  const omnigaze = getPreset('omnigaze').lifecycle!;
  const miyar = getPreset('miyar').lifecycle!;

  it("OmniGaze's six stages follow the contract's age and the renewal window", () => {
    const stage = (f: Partial<LifecycleFacts>) => lifecycleStage(omnigaze, facts(f), now).stage;
    expect(stage({})).toBe('pre_sale');
    expect(stage({ contractStart: '2026-10-01', renewalDate: '2027-10-01' })).toBe('implementation');
    expect(stage({ contractStart: '2026-07-01', renewalDate: '2027-07-01' })).toBe('adoption');
    expect(stage({ contractStart: '2026-01-15', renewalDate: '2027-01-15' })).toBe('renewal');
    expect(stage({ contractStart: '2026-01-15', renewalDate: '2027-06-15' })).toBe('value_realization');
    expect(stage({ contractStart: '2024-03-01', renewalDate: '2027-03-01' })).toBe('growth_expansion');
    expect(stage({ status: 'churned', contractStart: '2024-03-01' })).toBe('renewal');
    expect(
      lifecycleStage(omnigaze, facts({ contractStart: '2026-01-15', renewalDate: '2027-01-15' }), now).reason,
    ).toBe('renewal in 54 days');
  });

  it("MIYAR's seven stages use health and metrics too", () => {
    const stage = (f: Partial<LifecycleFacts>) => lifecycleStage(miyar, facts(f), now).stage;
    const metrics = (m: Record<string, number>) => (k: string) => m[k];
    expect(stage({ contractStart: '2026-12-01' })).toBe('pre_onboarding');
    expect(stage({ contractStart: '2026-11-01', renewalDate: '2027-11-01' })).toBe('onboarding');
    expect(stage({ contractStart: '2026-09-01', renewalDate: '2027-09-01' })).toBe('value_realisation');
    expect(
      stage({
        contractStart: '2025-01-01',
        renewalDate: '2027-06-01',
        overall: 85,
        latest: metrics({ advocacy_pct: 75 }),
      }),
    ).toBe('advocacy');
    expect(
      stage({
        contractStart: '2025-01-01',
        renewalDate: '2027-06-01',
        overall: 70,
        latest: metrics({ expansion_readiness_pct: 65 }),
      }),
    ).toBe('expansion');
    expect(stage({ contractStart: '2025-01-01', renewalDate: '2027-06-01', overall: 70 })).toBe('adoption');
    expect(stage({ contractStart: '2025-01-01', renewalDate: '2027-01-10' })).toBe('retention');
  });
});

describe('tier cadences', () => {
  it('BY MB: due dates from the last touchpoint, overdue counted in days', () => {
    const status = cadenceStatus(
      getPreset('bymb').cadence!,
      { tier: 'professional', segment: 'standard', contractStart: '2025-01-01' },
      [
        { kind: 'meeting', occurredAt: '2026-10-01T15:00:00Z' },
        { kind: 'qbr', occurredAt: '2026-06-01T15:00:00Z' },
        { kind: 'meeting', occurredAt: '2026-12-01T15:00:00Z' }, // in the future: ignored
      ],
      now,
    )!;
    expect(status.plan).toBe('professional');
    expect(status.touchpoints).toEqual([
      {
        key: 'check_in',
        label: 'Monthly check-in and strategy session',
        everyDays: 30,
        last: '2026-10-01',
        due: '2026-10-31',
        overdueDays: 22,
        state: 'overdue',
      },
      {
        key: 'business_review',
        label: 'Quarterly Business Review with executive presentation',
        everyDays: 91,
        last: '2026-06-01',
        due: '2026-08-31',
        overdueDays: 83,
        state: 'overdue',
      },
    ]);
  });

  it('MapleAI high-touch runs weekly in the first three months, then monthly', () => {
    const cadence = getPreset('mapleai').cadence!;
    const early = cadenceStatus(
      cadence,
      { tier: 'enterprise', segment: 'strategic', contractStart: '2026-10-01' },
      [{ kind: 'meeting', occurredAt: '2026-11-20T10:00:00Z' }],
      now,
    )!;
    expect(early.touchpoints[0]).toMatchObject({ everyDays: 7, due: '2026-11-27', state: 'ok' });
    // Due soon means within a quarter of the interval (at most a week): 2 days for a weekly touchpoint.
    const soon = cadenceStatus(
      cadence,
      { tier: 'enterprise', segment: 'strategic', contractStart: '2026-10-01' },
      [{ kind: 'meeting', occurredAt: '2026-11-16T10:00:00Z' }],
      now,
    )!;
    expect(soon.touchpoints[0]).toMatchObject({ due: '2026-11-23', state: 'due_soon' });
    const later = cadenceStatus(
      cadence,
      { tier: 'enterprise', segment: 'strategic', contractStart: '2025-10-01' },
      [{ kind: 'meeting', occurredAt: '2026-11-20T10:00:00Z' }],
      now,
    )!;
    expect(later.touchpoints[0]).toMatchObject({ everyDays: 30, due: '2026-12-20', state: 'ok' });
  });

  it('OmniGaze plans by segment; no plan means no status', () => {
    const cadence = getPreset('omnigaze').cadence!;
    expect(cadenceStatus(cadence, { tier: 'essential', segment: 'strategic' }, [], now)!.plan).toBe('strategic');
    expect(cadenceStatus(cadence, { tier: 'essential', segment: 'partner' }, [], now)).toBeUndefined();
  });
});

describe('renewal milestones', () => {
  const milestones = getPreset('omnigaze').renewalMilestones!;

  it('dates each milestone and marks the one in progress', () => {
    const status = renewalStatus(milestones, '2027-01-10', now);
    expect(status.daysToRenewal).toBe(49);
    expect(status.milestones.map((m) => [m.daysBefore, m.due, m.state])).toEqual([
      [90, '2026-10-12', 'passed'],
      [60, '2026-11-11', 'current'],
      [30, '2026-12-11', 'upcoming'],
      [0, '2027-01-10', 'upcoming'],
    ]);
    expect(status.current!.tasks).toContain('Send the renewal proposal');
  });

  it('tells a daily reminder job which milestones it crossed, once', () => {
    const renewal = '2027-02-20';
    const crossed = (from: string, to: string) =>
      milestonesCrossed(milestones, renewal, new Date(from), new Date(to)).map((m) => m.daysBefore);
    expect(crossed('2026-11-21T09:00:00Z', '2026-11-22T09:00:00Z')).toEqual([90]);
    expect(crossed('2026-11-22T09:00:00Z', '2026-11-23T09:00:00Z')).toEqual([]);
    expect(crossed('2026-11-01T09:00:00Z', '2026-12-25T09:00:00Z')).toEqual([90, 60]); // caught up after downtime
  });
});

describe('escalation paths', () => {
  it('walk BY MB strategic path step by step to the top', () => {
    const strategic = getPreset('bymb').escalationPaths!.find((p) => p.key === 'strategic')!;
    expect(nextEscalationStep(strategic, 0)!.role).toBe('Customer Success Manager');
    expect(nextEscalationStep(strategic, 1)!.role).toBe('Head of Customer Success');
    expect(nextEscalationStep(strategic, 4)!.role).toBe('Chief Executive Officer');
    expect(nextEscalationStep(strategic, 5)).toBeUndefined();
  });

  it('carry response times where the reference gives them (BIS L1-L4)', () => {
    const bis = getPreset('bis-calculator').escalationPaths![0]!;
    expect(bis.steps.map((s) => s.responseHours)).toEqual([24, 8, 4, 1]);
  });
});
