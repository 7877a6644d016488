import { describe, expect, it } from 'vitest';
import { assessAccount } from '../../../src/core/assess-account.js';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';
import { indexObservations, type Observation } from '../../../src/core/scoring/resolve-inputs.js';

// No data is not a zero: an account the model cannot see is "not enough data to score", with what is
// missing and since when, and never a band that opens an at-risk alert.

const now = new Date('2026-09-14T09:00:00Z');
const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const preset = getPreset('bis-table');
const model = preset.model!;
const everyInput = (daysAgo: number, value = 70): Observation[] =>
  model.dimensions.flatMap((d) => d.inputs.map((i) => ({ metric: i.metric, date: day(daysAgo), value })));
const assess = (observations: Observation[], startDate?: string) =>
  assessAccount({
    model,
    triggerPresets: [preset],
    observations: indexObservations(observations),
    account: { status: 'active', ...(startDate ? { startDate } : {}) },
    history: [],
    now,
  });

describe('insufficient data', () => {
  it('is the state of an account with no metrics at all, not 0/100', () => {
    const a = assess([]);
    expect(a.kind).toBe('insufficient-data');
    if (a.kind !== 'insufficient-data') return;
    expect(a.gap).toMatchObject({ reason: 'no-data', coverage: 0, newestData: null });
    expect(a.gap.missing).toHaveLength(14);
    expect(a.gap.text).toBe('Not enough data to score: no data yet for any of the health model’s inputs.');
    expect(a.signals.filter((s) => /health/i.test(s.evidence.join(' ')))).toEqual([]);
  });

  it('is the state of an account whose data is only 200 days old, saying since when', () => {
    const a = assess(everyInput(200));
    expect(a.kind).toBe('insufficient-data');
    if (a.kind !== 'insufficient-data') return;
    expect(a.gap.reason).toBe('old-data');
    expect(a.gap.newestData).toBe(day(200));
    expect(a.gap.text).toContain(`the newest data is from ${day(200)}`);
    expect(a.gap.missing.every((m) => m.lastSeen === day(200))).toBe(true);
  });

  it('says "before the start" for a date before the account started and had data', () => {
    const a = assess([], day(-30));
    expect(a).toMatchObject({
      kind: 'insufficient-data',
      signals: [],
      gap: { reason: 'before-start', startDate: day(-30) },
    });
    // A new term that starts later, with data from the term before, still scores.
    expect(assess(everyInput(3), day(-30)).kind).toBe('scored');
  });

  it('is the state below the model’s minimum coverage, naming what is missing', () => {
    // Usage alone is 30 % of the weight; the floor is 50 %.
    const usageOnly = model.dimensions[0]!.inputs.map((i) => ({ metric: i.metric, date: day(2), value: 80 }));
    const a = assess(usageOnly);
    expect(a.kind).toBe('insufficient-data');
    if (a.kind !== 'insufficient-data') return;
    expect(a.gap).toMatchObject({ reason: 'low-coverage', coverage: 0.3, minimumCoverage: 0.5 });
    expect(a.gap.text).toMatch(
      /^Not enough data to score: 30 % of the model’s weight has recent data \(it needs 50 %\); missing: /,
    );
    // With usage and business value (55 %) it scores.
    const more = [
      ...usageOnly,
      ...model.dimensions[1]!.inputs.map((i) => ({ metric: i.metric, date: day(2), value: 80 })),
    ];
    const b = assess(more);
    expect(b.kind).toBe('scored');
    if (b.kind === 'scored') expect(b.score.coverage.weightCovered).toBe(0.55);
  });

  it('lets stale data score with lower confidence, saying which input is stale, never as zero', () => {
    // 30 days old: inside every window, past the 21-day freshness of two usage inputs.
    const a = assess(everyInput(30));
    expect(a.kind).toBe('scored');
    if (a.kind !== 'scored') return;
    expect(a.score.overall).toBeGreaterThan(50);
    expect(a.score.confidence).toBeLessThan(1);
    expect(a.score.coverage.stale.map((s) => s.metric).sort()).toEqual(['dau_pct', 'logins_per_user_weekly']);
    expect(a.score.coverage.weightCovered).toBe(1);
  });
});
