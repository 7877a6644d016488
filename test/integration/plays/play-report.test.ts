import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { effectivePlay, ineffectivePlay } from '../../../src/services/demo/generate-play-history.js';
import { playReport, type PlayReport } from '../../../src/services/plays/play-report.js';
import { testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

// The demo history holds past play runs whose true effect its generator knows: the report must find
// the effective play's effect (interval excluding 0) and the ineffective one's interval around 0.
describe('which plays work, on the demo history', () => {
  let db: TestDatabase;
  let report: PlayReport;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 42, today: testNow, accounts: 100, historyWeeks: 1 });
    report = await playReport(db.prisma, testNow);
  }, 240_000);
  afterAll(async () => db?.close());

  it('finds that the effective play lowers churn, with an interval that excludes 0', () => {
    const effect = report.plays.find((p) => p.playId === effectivePlay.playId)!;
    expect(effect.churn.kind).toBe('measured');
    if (effect.churn.kind !== 'measured') return;
    console.log(
      `effective: churn ${effect.churn.treated.value.toFixed(2)} (n ${effect.churn.treated.n}) vs ${effect.churn.control.value.toFixed(2)} (n ${effect.churn.control.n}), difference ${effect.churn.difference.estimate.toFixed(3)} [${effect.churn.difference.low.toFixed(3)}, ${effect.churn.difference.high.toFixed(3)}]`,
    );
    expect(effect.churn.difference.high).toBeLessThan(0);
    // The generator's truth: churn after a completed run is half of churn without one.
    const truth = effect.churn.control.value * (effectivePlay.churnRatio - 1);
    expect(effect.churn.difference.low).toBeLessThan(truth);
    expect(effect.churn.difference.high).toBeGreaterThan(truth);
  });

  it('finds no effect for the play that changes nothing: its interval includes 0', () => {
    const none = report.plays.find((p) => p.playId === ineffectivePlay.playId)!;
    expect(none.churn.kind).toBe('measured');
    if (none.churn.kind !== 'measured') return;
    console.log(
      `ineffective: difference ${none.churn.difference.estimate.toFixed(3)} [${none.churn.difference.low.toFixed(3)}, ${none.churn.difference.high.toFixed(3)}]`,
    );
    expect(none.churn.difference.low).toBeLessThan(0);
    expect(none.churn.difference.high).toBeGreaterThan(0);
  });
});
