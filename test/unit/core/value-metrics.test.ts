import { describe, expect, it } from 'vitest';
import { surveyMetrics } from '../../../src/core/metrics/derived-metrics.js';
import {
  arrByBand,
  csatFromScores,
  fromCents,
  npsFromScores,
  retention,
  roi,
  toCents,
} from '../../../src/core/metrics/value-metrics.js';

describe('value and portfolio metrics', () => {
  it('ROI by MapleAI formula', () => {
    expect(roi(300_000, 100_000)).toBe(200);
    expect(roi(80_000, 100_000)).toBe(-20);
    expect(() => roi(1, 0)).toThrow(/implementation cost above 0/);
  });

  it('NPS from 0-10 answers and CSAT from 1-5 answers', () => {
    expect(npsFromScores([10, 9, 8, 7, 6, 0, 10, 9, 9, 3])).toEqual({
      nps: 20,
      promoters: 5,
      passives: 2,
      detractors: 3,
      responses: 10,
    });
    expect(npsFromScores([]).nps).toBeNull();
    expect(csatFromScores([5, 4, 3, 2])).toEqual({ average: 3.5, satisfiedPct: 50, responses: 4 });
  });

  it('derives NPS and CSAT metrics from survey answers in a window', () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const answers = [
      { surveyType: 'nps', score: 10, receivedAt: '2026-11-01T10:00:00Z' },
      { surveyType: 'nps', score: 3, receivedAt: '2026-10-01T10:00:00Z' },
      { surveyType: 'nps', score: 9, receivedAt: '2025-01-01T10:00:00Z' }, // outside 180 days
      { surveyType: 'csat', score: 4, receivedAt: '2026-11-20T10:00:00Z' },
    ];
    expect(surveyMetrics(answers, now)).toEqual([
      { metric: 'nps', date: '2026-11-01', value: 0 },
      { metric: 'csat', date: '2026-11-20', value: 4 },
    ]);
  });

  it('keeps money exact in cents', () => {
    expect(toCents('120000.5')).toBe(12000050n);
    expect(fromCents(toCents('0.1') + toCents('0.2'))).toBe('0.30');
    expect(() => toCents('12k')).toThrow();
  });

  it('retention: GRR excludes expansion, NRR includes it', () => {
    expect(
      retention({
        startingArr: '1000000.00',
        churnedArr: '30000',
        contractionArr: '20000',
        expansionArr: '500000',
        startingLogos: 40,
        churnedLogos: 2,
      }),
    ).toEqual({ grossRevenueRetentionPct: 95, netRevenueRetentionPct: 145, logoChurnPct: 5, contractionPct: 2 });
  });

  it('sums ARR per band without mixing currencies', () => {
    expect(
      arrByBand([
        { arr: '100.10', currency: 'USD', band: 'red' },
        { arr: '0.20', currency: 'USD', band: 'red' },
        { arr: '50', currency: 'EUR', band: 'red' },
        { arr: '7', currency: 'USD', band: 'green' },
      ]),
    ).toEqual({ USD: { red: '100.30', green: '7.00' }, EUR: { red: '50.00' } });
  });
});
