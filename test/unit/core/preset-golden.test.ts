import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import { indexObservations } from '../../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../../src/core/scoring/score-account.js';

// One textbook account scored by every preset. The expected numbers were worked out by hand from
// each reference's formula (see the comments), not taken from the engine.
const now = new Date('2026-11-22T09:00:00Z');
const textbook = Object.entries({
  dau_pct: 60,
  feature_adoption_pct: 64,
  logins_per_user_weekly: 3,
  support_tickets: 4,
  tickets_per_user_monthly: 2.5,
  avg_resolution_hours: 36,
  escalation_rate_pct: 10,
  support_satisfaction_pct: 70,
  product_satisfaction_pct: 60,
  meetings: 2,
  stakeholder_engagement_pct: 50,
  advocacy_pct: 40,
  training_no_shows: 1,
  xla_achievement_pct: 80,
  roi_realization_pct: 50,
  efficiency_gain_pct: 15,
  time_saved_pct: 12,
  expansion_readiness_pct: 30,
  nps: 20,
  csat: 4,
  comment_sentiment_pct: 70,
}).map(([metric, value]) => ({ metric, date: '2026-11-20', value }));

const scoreWith = (id: string) => scoreAccount(getPreset(id).model!, indexObservations(textbook), { now });
const dims = (s: ReturnType<typeof scoreWith>) =>
  Object.fromEntries(Object.values(s.dimensions).map((d) => [d.key, d.score]));

describe('every preset on a textbook account', () => {
  it('mapleai: usage 40 / engagement 30 / business 30, Math.round, 85/70/50 bands', () => {
    const s = scoreWith('mapleai');
    // usage 60x.4 + 64x.3 + (3/5)x100x.3 = 61.2; engagement (10-4)/9x100x.3 + (4-1)/4x100x.3 + 50x.2 + 100x.2 = 72.5;
    // business 50x.4 + 50x.3 + 40x.3 = 47; overall 24.48 + 21.75 + 14.1 = 60.33 -> 60.
    expect(dims(s)).toEqual({
      usage: expect.closeTo(61.2, 9),
      engagement: expect.closeTo(72.5, 9),
      business: expect.closeTo(47, 9),
    });
    expect(s.overall).toBe(60);
    expect(s.band.key).toBe('at_risk');
  });

  it('omnigaze: 30/30/20/20 out of 100, green/yellow/red', () => {
    const s = scoreWith('omnigaze');
    // usage 60x.35 + (64/80)x100x.35 + (60/75)x100x.3 = 73; value 50x.4 + 80x.3 + 40x.3 = 56;
    // relationship 50x.4 + 70x.3 + 66.67x.3 = 61; growth 30x.5 + 40x.5 = 35; overall 57.9 -> 58.
    expect(dims(s)).toEqual({
      usage: expect.closeTo(73, 9),
      business_value: expect.closeTo(56, 9),
      relationship: expect.closeTo(61, 9),
      growth: expect.closeTo(35, 9),
    });
    expect(s.overall).toBe(58);
    expect(s.band.key).toBe('red');
  });

  it('miyar: five equal factors, strategic/stable/at-risk/critical', () => {
    const s = scoreWith('miyar');
    // U 60, V 40x.35 + 50x.35 + 50x.3 = 46.5, R 66.67x.5 + 50x.5 = 58.33, S 60x.4 + 75x.3 + 70x.3 = 67.5, E 30
    // -> 52.47 -> 52.5.
    expect(dims(s)).toEqual({
      usage: expect.closeTo(60, 9),
      value: expect.closeTo(46.5, 9),
      repeat_engagement: expect.closeTo(58.333, 3),
      satisfaction: expect.closeTo(67.5, 9),
      expansion: expect.closeTo(30, 9),
    });
    expect(s.overall).toBe(52.5);
    expect(s.band.key).toBe('at_risk');
  });

  it('bis-table: 30/25/20/15/10 with red flags', () => {
    const s = scoreWith('bis-table');
    // usage 80x.4 + 80x.3 + 60x.3 = 74; value 80x.4 + 50x.3 + 50x.15 + 60x.15 = 63.5; support 50x.4 + 75x.4 + 80x.2 = 66;
    // relationship 66.67x.4 + 50x.3 + 40x.3 = 53.67; expansion 30 -> 62.325 -> 62.3.
    expect(dims(s)).toEqual({
      usage: expect.closeTo(74, 9),
      business_value: expect.closeTo(63.5, 9),
      support: expect.closeTo(66, 9),
      relationship: expect.closeTo(53.667, 3),
      expansion: expect.closeTo(30, 9),
    });
    expect(s.overall).toBe(62.3);
    expect(s.band.key).toBe('at_risk');
    expect(s.redFlags.map((f) => f.id)).toEqual(['ticket_volume']);
  });

  it('bis-calculator: the Python sub-scores and recommendations', () => {
    const s = scoreWith('bis-calculator');
    // usage 18 + 25.6 + 18 = 61.6; satisfaction 30 + 21 + 12 = 63; value 32 + 15 + 4.5 = 51.5; relationship 20 + 20 + 8 = 48;
    // support 100 - 5 - 10 - 2 = 83; overall 15.4 + 15.75 + 12.875 + 7.2 + 8.3 = 59.525 -> 59.5, Critical.
    expect(dims(s)).toEqual({
      usage: expect.closeTo(61.6, 9),
      satisfaction: 63,
      business_value: 51.5,
      relationship: 48,
      support: 83,
    });
    expect(s.overall).toBe(59.5);
    expect(s.band.label).toBe('Critical');
    expect(s.recommendations.map((r) => r.category)).toEqual(['Satisfaction', 'Relationship']);
  });

  it('renormalises over what is present and says so (no silent zeros)', () => {
    const withoutValue = textbook.filter(
      (o) => !['roi_realization_pct', 'efficiency_gain_pct', 'time_saved_pct'].includes(o.metric),
    );
    const s = scoreAccount(getPreset('mapleai').model!, indexObservations(withoutValue), { now });
    // Business has no data: overall over usage and engagement only, 61.2 x 40/70 + 72.5 x 30/70 = 66.04 -> 66.
    expect(s.dimensions.business!.score).toBeNull();
    expect(s.dimensions.usage!.effectiveWeight).toBeCloseTo(57.14, 2);
    expect(s.overall).toBe(66);
    expect(s.confidence).toBe(0.7);
    expect(s.coverage.dimensionsMissing).toEqual(['business']);
    expect(s.coverage.missing.map((m) => m.handling)).toEqual(
      Array(3).fill('left out; the rest of the model was re-weighted'),
    );
  });
});
