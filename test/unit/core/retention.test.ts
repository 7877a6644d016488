import { describe, expect, it } from 'vitest';
import { retentionFigures, type RenewalOutcomeFact } from '../../../src/core/metrics/retention.js';

const o = (kind: RenewalOutcomeFact['kind'], before: number | null, after: number | null, currency = 'USD') => ({
  kind,
  arrBefore: before,
  arrAfter: after,
  currency,
});

describe('revenue retention of renewals', () => {
  it('keeps churn and contraction out of gross retention, and adds expansion into net', () => {
    const [usd] = retentionFigures([
      o('RENEWED', 100, 100),
      o('EXPANDED', 100, 150),
      o('CONTRACTED', 100, 80),
      o('CHURNED', 100, 100),
      o('RENEWED', 100, null),
    ]);
    // Up 500; kept 100 + 100 + 80 + 0 + 100 = 380; after 100 + 150 + 80 + 0 + 100 = 430.
    expect(usd).toMatchObject({
      kind: 'measured',
      renewals: 5,
      churned: 1,
      grossRevenueRetention: 76,
      netRevenueRetention: 86,
      expansion: 10,
      logoChurn: 20,
    });
  });

  it('never adds currencies, and says "not enough data" below the minimum', () => {
    const figures = retentionFigures([
      ...Array.from({ length: 5 }, () => o('RENEWED', 10, 10)),
      o('CHURNED', 10, 0, 'EUR'),
    ]);
    expect(figures.map((f) => [f.currency, f.kind])).toEqual([
      ['USD', 'measured'],
      ['EUR', 'insufficient'],
    ]);
    expect(retentionFigures([])).toEqual([]);
  });
});
