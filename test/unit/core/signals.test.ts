import { describe, expect, it } from 'vitest';
import { assessAccount, type Assessment, type ScoredAssessment } from '../../../src/core/assess-account.js';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import type { HealthScore } from '../../../src/core/scoring/health-score.js';
import { indexObservations, type Observation } from '../../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../../src/core/scoring/score-account.js';
import { bisTrend, slopeTrend } from '../../../src/core/signals/trends.js';

const now = new Date('2026-11-22T09:00:00Z');
const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
const healthy: Observation[] = [
  ...[40, 33, 26, 19, 12, 5].map((d) => ({ metric: 'dau_pct', date: day(d), value: 80 })),
  ...[40, 33, 26, 19, 12, 5].map((d) => ({ metric: 'logins_per_user_weekly', date: day(d), value: 5 })),
  { metric: 'feature_adoption_pct', date: day(20), value: 85 },
  { metric: 'support_tickets', date: day(2), value: 1 },
  { metric: 'training_no_shows', date: day(10), value: 0 },
  { metric: 'stakeholder_engagement_pct', date: day(20), value: 85 },
  { metric: 'meetings', date: day(20), value: 2 },
  { metric: 'roi_realization_pct', date: day(20), value: 90 },
  { metric: 'efficiency_gain_pct', date: day(20), value: 30 },
  { metric: 'time_saved_pct', date: day(20), value: 30 },
  { metric: 'nps', date: day(30), value: 40 },
];
const with_ = (changes: Observation[]) => [
  ...healthy.filter((o) => !changes.some((c) => c.metric === o.metric && c.date === o.date)),
  ...changes,
];

/** These tests read triggers; an account without enough data to score has none, so fail loudly here. */
function scoredOnly(a: Assessment): ScoredAssessment {
  if (a.kind !== 'scored') throw new Error(`not scored: ${a.gap.text}`);
  return a;
}

const mapleai = getPreset('mapleai');
const miyar = getPreset('miyar');
const assess = (
  observations: Observation[],
  extra: { renewalDate?: string; status?: 'active' | 'churned'; history?: HealthScore[] } = {},
) =>
  scoredOnly(
    assessAccount({
      model: mapleai.model!,
      triggerPresets: [mapleai],
      observations: indexObservations(observations),
      account: { status: extra.status ?? 'active', ...(extra.renewalDate ? { renewalDate: extra.renewalDate } : {}) },
      history: extra.history ?? [],
      now,
    }),
  );
const fired = (a: ReturnType<typeof assess>) => a.signals.map((s) => s.ruleId);

describe('MapleAI intervention triggers', () => {
  it('stay quiet for a healthy account far from renewal', () => {
    const a = assess(healthy, { renewalDate: day(-200) });
    expect(a.score.overall).toBeGreaterThanOrEqual(85);
    expect(fired(a)).toEqual([]);
  });

  it('fire on health under 70, with the score as evidence and the reference response', () => {
    const a = assess(
      with_([
        { metric: 'roi_realization_pct', date: day(20), value: 5 },
        { metric: 'efficiency_gain_pct', date: day(20), value: 0 },
        { metric: 'time_saved_pct', date: day(20), value: 0 },
        { metric: 'feature_adoption_pct', date: day(20), value: 20 },
      ]),
    );
    const signal = a.signals.find((s) => s.ruleId === 'health_below_70')!;
    expect(signal.evidence).toEqual([`health ${a.score.overall} is below 70`]);
    expect(signal).toMatchObject({
      source: 'mapleai',
      severity: 'warning',
      humanAction: 'Immediate outreach and assessment; root cause analysis',
    });
  });

  it('fire on usage falling more than 20 % month over month, and not on 15 %', () => {
    const drop = (value: number) => with_([12, 5, 19, 26].map((d) => ({ metric: 'dau_pct', date: day(d), value })));
    expect(fired(assess(drop(60)))).toContain('usage_decline_mom'); // 80 -> 60 avg: -25 %
    const evidence = assess(drop(60)).signals.find((s) => s.ruleId === 'usage_decline_mom')!.evidence[0];
    expect(evidence).toBe(
      'Daily active users as % of licensed seats averaged 80 % in the previous 30 days and 60 % in the last 30 (-25 %)',
    );
    expect(fired(assess(drop(68)))).not.toContain('usage_decline_mom'); // -15 %
  });

  it('fire on more than 5 tickets in a week, more than 2 no-shows, negative NPS, renewal within 90 days', () => {
    const a = assess(
      with_([
        { metric: 'support_tickets', date: day(2), value: 6 },
        { metric: 'training_no_shows', date: day(10), value: 3 },
        { metric: 'nps', date: day(30), value: -5 },
      ]),
      { renewalDate: day(-60) },
    );
    expect(fired(a)).toEqual(
      expect.arrayContaining(['ticket_spike', 'training_no_shows', 'negative_nps', 'renewal_90_days']),
    );
    expect(a.signals.find((s) => s.ruleId === 'renewal_90_days')!.evidence).toEqual([
      `renewal on ${day(-60)}, in 60 days`,
    ]);
    const atThreshold = assess(
      with_([
        { metric: 'support_tickets', date: day(2), value: 5 },
        { metric: 'training_no_shows', date: day(10), value: 2 },
        { metric: 'nps', date: day(30), value: 0 },
      ]),
      { renewalDate: day(-91) },
    );
    expect(fired(atThreshold)).toEqual([]);
  });

  it('raise nothing for a churned account', () => {
    expect(
      assess(with_([{ metric: 'support_tickets', date: day(2), value: 50 }]), { status: 'churned' }).signals,
    ).toEqual([]);
  });
});

describe('MIYAR triggers', () => {
  const miyarAssess = (observations: Observation[], history: HealthScore[] = []) =>
    scoredOnly(
      assessAccount({
        // These fixtures feed one or two dimensions: read the triggers without the coverage floor.
        model: { ...miyar.model!, minimumCoverage: 0 },
        triggerPresets: [miyar],
        observations: indexObservations(observations),
        account: { status: 'active' },
        history,
        now,
      }),
    );

  it('detect low usage, value under-realisation and a delayed project cycle, with the human action', () => {
    const a = miyarAssess([
      { metric: 'dau_pct', date: day(3), value: 20 },
      { metric: 'roi_realization_pct', date: day(10), value: 30 },
      { metric: 'project_delay_days', date: day(10), value: 21 },
    ]);
    expect(a.signals.map((s) => [s.ruleId, s.humanAction])).toEqual([
      ['low_usage', 'Account review'],
      ['value_under_realisation', 'Strategy call'],
      ['delayed_project_cycle', 'Client consultation'],
    ]);
  });

  it('detect declining satisfaction from the satisfaction dimension over past scores', () => {
    const satisfactionScore = (nps: number, date: string) =>
      scoreAccount(
        miyar.model!,
        indexObservations([
          { metric: 'nps', date, value: nps },
          { metric: 'csat', date, value: 4 },
        ]),
        { now: new Date(`${date}T12:00:00Z`) },
      );
    const history = [60, 58, 61, 30, 25, 20].map((nps, i) => satisfactionScore(nps, day(70 - i * 10)));
    const a = miyarAssess(
      [
        { metric: 'nps', date: day(2), value: 10 },
        { metric: 'csat', date: day(2), value: 3 },
      ],
      history,
    );
    expect(a.trends.satisfaction!.bis).toBe('declining');
    expect(a.signals.map((s) => s.ruleId)).toContain('declining_satisfaction');
    const steady = miyarAssess(
      [
        { metric: 'nps', date: day(2), value: 60 },
        { metric: 'csat', date: day(2), value: 4 },
      ],
      history.slice(0, 3),
    );
    expect(steady.signals.map((s) => s.ruleId)).not.toContain('declining_satisfaction');
  });
});

describe('triggers without enough data for a score', () => {
  it('still fire on the metrics there are, never on a score', () => {
    const a = assessAccount({
      model: miyar.model!,
      triggerPresets: [miyar],
      observations: indexObservations([{ metric: 'dau_pct', date: day(3), value: 20 }]),
      account: { status: 'active' },
      history: [],
      now,
    });
    expect(a.kind).toBe('insufficient-data');
    expect(a.signals.map((s) => s.ruleId)).toEqual(['low_usage']);
  });

  it('stay silent before the account starts and has data', () => {
    const a = assessAccount({
      model: mapleai.model!,
      triggerPresets: [mapleai],
      observations: indexObservations([]),
      account: { status: 'active', startDate: day(-10), renewalDate: day(-30) },
      history: [],
      now,
    });
    expect(a).toMatchObject({ kind: 'insufficient-data', signals: [], gap: { reason: 'before-start' } });
  });
});

describe('trend rules', () => {
  it('BIS: last 3 against the 3 before, with a 10 % band', () => {
    expect(bisTrend([50, 50, 50, 56, 56, 56])).toBe('improving');
    expect(bisTrend([50, 50, 50, 55, 55, 55])).toBe('stable');
    expect(bisTrend([50, 50, 50, 44, 44, 44])).toBe('declining');
    expect(bisTrend([10, 90, 10])).toBe('stable'); // fewer than 6: compared with itself
    expect(bisTrend([1, 2])).toBe('stable');
  });

  it('slope: least squares as a share of the mean per period', () => {
    expect(slopeTrend([50, 52, 54, 56, 58, 60])).toMatchObject({ trend: 'improving', slope: 2 });
    expect(slopeTrend([60, 58, 56, 54])).toMatchObject({ trend: 'declining', slope: -2 });
    expect(slopeTrend([50, 50.5, 50, 50.5, 50]).trend).toBe('stable');
    expect(slopeTrend([1, 2, 3]).trend).toBe('stable');
  });
});
