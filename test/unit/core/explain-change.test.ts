import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import { indexObservations, type Observation } from '../../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../../src/core/scoring/score-account.js';

const model = getPreset('bis-table').model!;
const account = (date: string, overrides: Record<string, number>): Observation[] =>
  Object.entries({
    dau_pct: 72,
    feature_adoption_pct: 70,
    logins_per_user_weekly: 4,
    xla_achievement_pct: 80,
    roi_realization_pct: 70,
    efficiency_gain_pct: 20,
    product_satisfaction_pct: 75,
    tickets_per_user_monthly: 1.5,
    avg_resolution_hours: 20,
    escalation_rate_pct: 5,
    meetings: 3,
    stakeholder_engagement_pct: 70,
    advocacy_pct: 60,
    expansion_readiness_pct: 50,
    ...overrides,
  }).map(([metric, value]) => ({ metric, date, value }));

describe('explaining why a score moved', () => {
  const before = scoreAccount(model, indexObservations(account('2026-10-20', {})), {
    now: new Date('2026-10-21T06:00:00Z'),
  });
  const after = scoreAccount(
    model,
    indexObservations(account('2026-11-20', { dau_pct: 51, tickets_per_user_monthly: 3.1 })),
    {
      now: new Date('2026-11-21T06:00:00Z'),
      previous: before,
    },
  );

  it('gives the overall delta and each moving dimension with the input values behind it', () => {
    const change = after.change!;
    expect(change.delta).toBeCloseTo(after.overallExact - before.overallExact, 2);
    expect(change.delta).toBeLessThan(0);
    // Largest move first: tickets 1.5 -> 3.1 cost 53 points x 40 % x 20 % = 4.3; active users 72 -> 51 % cost
    // (96 - 68) x 40 % x 30 % = 3.4.
    expect(change.dimensions.map((d) => [d.key, d.delta])).toEqual([
      ['support', -4.27],
      ['usage', -3.36],
    ]);
    expect(change.dimensions[1]!.inputs).toEqual([
      { metric: 'dau_pct', label: 'Active users', unit: 'percent', from: 72, to: 51 },
    ]);
    expect(change.summary).toBe(
      '-7.6 overall: support interaction -4.3 (Tickets per user per month 1.5 -> 3.1), product usage -3.4 (Active users 72 % -> 51 %); band Healthy -> At Risk',
    );
    expect(change.previousAt).toBe('2026-10-21T06:00:00.000Z');
  });

  it('says so when the band changes', () => {
    const worse = scoreAccount(
      model,
      indexObservations(
        account('2026-11-20', {
          dau_pct: 10,
          feature_adoption_pct: 10,
          logins_per_user_weekly: 0.5,
          xla_achievement_pct: 20,
        }),
      ),
      {
        now: new Date('2026-11-21T06:00:00Z'),
        previous: before,
      },
    );
    expect(worse.change!.band).toEqual({ from: before.band.key, to: worse.band.key });
    expect(worse.change!.summary).toContain(`band ${before.band.label} -> ${worse.band.label}`);
  });

  it('reports no change when nothing moved', () => {
    const same = scoreAccount(model, indexObservations(account('2026-10-20', {})), {
      now: new Date('2026-10-22T06:00:00Z'),
      previous: before,
    });
    expect(same.change!.summary).toBe('no change');
    expect(same.change!.dimensions).toEqual([]);
  });
});
