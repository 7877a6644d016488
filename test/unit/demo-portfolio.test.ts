import { describe, expect, it } from 'vitest';
import { generateDemoPortfolio } from '../../src/services/demo/generate-demo-portfolio.js';
import { comments } from '../../src/services/demo/demo-comments.js';
import { rowSchemas } from '../../src/services/import/row-schemas.js';

const today = new Date('2026-11-22T00:00:00Z');

describe('demo portfolio generator', () => {
  const demo = generateDemoPortfolio({ seed: 42, today });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoPortfolio({ seed: 42, today })).toEqual(demo);
    const other = generateDemoPortfolio({ seed: 43, today });
    expect(other.accounts.map((a) => a.name)).not.toEqual(demo.accounts.map((a) => a.name));
  });

  it('covers every tier, segment, region, lifecycle stage and story', () => {
    const distinct = (pick: (a: (typeof demo.accounts)[number]) => string | undefined) =>
      new Set(demo.accounts.map(pick));
    expect(demo.accounts.length).toBeGreaterThanOrEqual(150);
    expect(distinct((a) => a.tier)).toEqual(new Set(['essential', 'professional', 'enterprise']));
    expect(distinct((a) => a.segment)).toEqual(new Set(['strategic', 'standard']));
    expect(distinct((a) => a.region)).toEqual(new Set(['NA', 'EMEA', 'APAC', 'LATAM']));
    expect(distinct((a) => a.story)).toEqual(
      new Set(['steady', 'declining', 'recovering', 'seasonal', 'onboarding', 'expansion', 'churned']),
    );
    expect(distinct((a) => a.lifecycle_stage).size).toBeGreaterThanOrEqual(4);
    const strategicShare = demo.accounts.filter((a) => a.segment === 'strategic').length / demo.accounts.length;
    expect(strategicShare).toBeGreaterThan(0.15);
    expect(strategicShare).toBeLessThan(0.4);
  });

  it('tells each story in the numbers: declining accounts lose usage, expanding ones gain it', () => {
    const usageChange = (story: string) => {
      const changes = demo.accounts
        .filter((a) => a.story === story)
        .map((a) => {
          const dau = demo.metrics.filter((m) => m.account_external_id === a.external_id && m.key === 'dau_pct');
          const avg = (xs: typeof dau) => xs.reduce((s, m) => s + m.value, 0) / xs.length;
          return avg(dau.slice(-8)) - avg(dau.slice(0, 8));
        });
      return changes.reduce((s, c) => s + c, 0) / changes.length;
    };
    expect(usageChange('declining')).toBeLessThan(-15);
    expect(usageChange('expansion')).toBeGreaterThan(10);
    expect(Math.abs(usageChange('steady'))).toBeLessThan(6);
  });

  it('produces only rows the importer accepts', () => {
    for (const [kind, rows] of [
      ['users', demo.users],
      ['accounts', demo.accounts],
      ['contacts', demo.contacts],
      ['metrics', demo.metrics.filter((_, i) => i % 50 === 0)],
      ['feedback', demo.feedback],
    ] as const) {
      for (const row of rows) {
        const result = rowSchemas[kind].safeParse(row);
        expect(result.success, `${kind}: ${JSON.stringify(row)} ${result.error?.message}`).toBe(true);
      }
    }
  });

  it('includes every tone of comment, sarcasm and off-topic included', () => {
    const texts = new Set(demo.feedback.map((f) => f.text).filter(Boolean));
    for (const tone of Object.keys(comments) as (keyof typeof comments)[]) {
      expect(
        comments[tone].some((c) => texts.has(c)),
        tone,
      ).toBe(true);
    }
    expect(new Set(demo.feedback.map((f) => f.survey_type))).toEqual(new Set(['nps', 'csat']));
  });
});
