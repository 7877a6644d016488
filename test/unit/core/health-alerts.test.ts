import { describe, expect, it } from 'vitest';
import { healthAlerts } from '../../../src/core/alerts/health-alerts.js';
import { renewalAlert } from '../../../src/core/alerts/lifecycle-alerts.js';
import { renewalStatus } from '../../../src/core/lifecycle/renewal-milestones.js';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import { indexObservations } from '../../../src/core/scoring/resolve-inputs.js';
import { scoreAccount } from '../../../src/core/scoring/score-account.js';

const model = getPreset('bis-table').model!;
const now = new Date('2026-11-20T12:00:00Z');
const score = (values: Record<string, number>, date = '2026-11-19') =>
  scoreAccount(model, indexObservations(Object.entries(values).map(([metric, value]) => ({ metric, date, value }))), {
    now,
  });
const healthy = {
  dau_pct: 85,
  feature_adoption_pct: 80,
  logins_per_user_weekly: 5,
  xla_achievement_pct: 90,
  roi_realization_pct: 90,
  efficiency_gain_pct: 40,
  product_satisfaction_pct: 85,
  tickets_per_user_monthly: 0.5,
  avg_resolution_hours: 8,
  escalation_rate_pct: 2,
  meetings: 4,
  stakeholder_engagement_pct: 80,
  advocacy_pct: 70,
  expansion_readiness_pct: 70,
};
const struggling = {
  ...healthy,
  dau_pct: 25,
  feature_adoption_pct: 30,
  logins_per_user_weekly: 1,
  tickets_per_user_monthly: 3.5,
  escalation_rate_pct: 25,
  meetings: 0,
  stakeholder_engagement_pct: 20,
};
const policy = { dropPoints: 15, dropDays: 7 };

describe('alerts from health', () => {
  it('names the sources that had gone quiet, in the evidence and the message', async () => {
    const { alertReply } = await import('../../../src/replies/alert-reply.js');
    const [fresh] = healthAlerts({ accountName: 'Acme Corp', current: score(struggling), signals: [] }, policy);
    expect(fresh!.evidence.staleSources).toBeUndefined();
    const [stale] = healthAlerts(
      { accountName: 'Acme Corp', current: score(struggling), signals: [], staleSources: ['hubspot', 'zendesk'] },
      policy,
    );
    expect(stale!.evidence.staleSources).toEqual(['hubspot', 'zendesk']);
    const reply = alertReply({
      id: 'a1',
      title: stale!.title,
      severity: stale!.severity,
      state: 'OPEN',
      evidence: stale!.evidence,
      accountName: 'Acme Corp',
      owner: 'Olive',
      assignee: null,
      openedAt: now,
      snoozedUntil: null,
      resolvedAt: null,
      escalationLevel: 0,
    });
    expect(reply.facts!.find((f) => f.label === 'Data as of')!.value).toBe('2026-11-19 (stale: hubspot, zendesk)');
  });

  it('raises "turned at risk" and a sharp drop, each explained with evidence, freshness and an action', () => {
    const before = score(healthy, '2026-11-10');
    const after = score(struggling);
    expect(before.band.atRisk).toBe(false);
    expect(after.band.atRisk).toBe(true);
    const alerts = healthAlerts({ accountName: 'Acme Corp', current: after, baseline: before, signals: [] }, policy);
    expect(alerts.map((a) => a.kind)).toEqual(['at_risk', 'sharp_drop']);
    const [atRisk, drop] = alerts;
    expect(atRisk!.title).toBe(`Acme Corp turned ${after.band.label}: ${after.overall}/100`);
    expect(drop!.title).toMatch(
      new RegExp(`^Acme Corp dropped [\\d.]+ points in 7 days \\(${before.overall} → ${after.overall}\\)$`),
    );
    expect(atRisk!.evidence.dataAsOf).toBe('2026-11-19');
    expect(atRisk!.evidence.whatChanged).toMatch(/^Since 2026-11-20: -[\d.]+ overall/);
    expect(atRisk!.evidence.evidence.length).toBeGreaterThan(0);
    expect(atRisk!.evidence.suggestedAction).toMatch(/\((High|Medium|Low)\)$/);
  });

  it('raises nothing for a healthy, steady account', () => {
    expect(
      healthAlerts(
        { accountName: 'Acme Corp', current: score(healthy), baseline: score(healthy), signals: [] },
        policy,
      ),
    ).toEqual([]);
  });

  it('turns warning and critical trigger signals into alerts, not info ones', () => {
    const signals = [
      {
        ruleId: 'low_usage',
        source: 'miyar',
        label: 'Low usage',
        severity: 'warning' as const,
        evidence: ['dau_pct 25 < 30'],
        systemResponse: 'Engagement reminder sequence',
        humanAction: 'Account review',
      },
      {
        ruleId: 'expansion',
        source: 'miyar',
        label: 'Expansion opportunity',
        severity: 'info' as const,
        evidence: [],
        systemResponse: 'x',
        humanAction: 'y',
      },
    ];
    const alerts = healthAlerts({ accountName: 'Acme Corp', current: score(healthy), signals }, policy);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'signal:low_usage', severity: 'WARNING', title: 'Acme Corp: Low usage' }),
    ]);
    expect(alerts[0]!.evidence.suggestedAction).toBe('Account review (Engagement reminder sequence)');
  });
});

describe('renewal reminders', () => {
  const milestones = getPreset('omnigaze').renewalMilestones!;
  it('reminds at the milestone in progress with its tasks, once per renewal and milestone', () => {
    const at = (days: number) =>
      renewalAlert({
        accountName: 'Acme Corp',
        renewal: renewalStatus(milestones, '2027-02-18', new Date(Date.parse('2027-02-18') - days * 86_400_000)),
      });
    expect(at(120)).toBeUndefined();
    const ninety = at(85)!;
    expect(ninety.kind).toBe('renewal:2027-02-18:90');
    expect(ninety.title).toBe('Acme Corp renews in 85 days (2027-02-18): Value documentation');
    expect(ninety.evidence.suggestedAction).toContain('Document demonstrated ROI');
    expect(at(59)!.kind).toBe('renewal:2027-02-18:60');
    expect(at(10)!.kind).toBe('renewal:2027-02-18:30');
  });
});
