import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseNotEmptyError, seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

const today = new Date('2026-11-22T00:00:00Z');

describe.each(databaseKinds)('demo portfolio on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (!skipPostgres(kind)) db = await createTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))('fills an empty database with a realistic book of business', async () => {
    const result = await seedDemoPortfolio(db.prisma, { seed: 7, today });
    // The book, plus the customers who churned in the last eighteen months (the renewal history).
    expect(await db.prisma.account.count()).toBe(result.accounts + result.formerAccounts);
    expect(result.formerAccounts).toBeGreaterThan(50);
    expect(result.accounts).toBeGreaterThanOrEqual(150);
    expect(await db.prisma.metricObservation.count()).toBe(result.metrics);
    expect(await db.prisma.feedbackItem.count()).toBe(result.feedback);

    const roles = await db.prisma.user.groupBy({ by: ['role'], _count: true });
    expect(Object.fromEntries(roles.map((r) => [r.role, r._count]))).toMatchObject({ CSM: 10, MANAGER: 4 });
    const unowned = await db.prisma.account.count({ where: { ownerId: null } });
    expect(unowned).toBe(0);

    const renewals = await db.prisma.account.findMany({ where: { status: 'ACTIVE' }, select: { renewalDate: true } });
    const days = renewals.map((r) => (r.renewalDate!.getTime() - today.getTime()) / 86_400_000);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThanOrEqual(366);

    const oldest = await db.prisma.metricObservation.aggregate({ _min: { date: true }, where: { key: 'dau_pct' } });
    expect((today.getTime() - oldest._min.date!.getTime()) / 86_400_000).toBeGreaterThan(365);
    expect(await db.prisma.successGoal.count()).toBeGreaterThan(0);
    // Six weekly snapshots per active account, so "what changed this week" works from the start.
    const active = await db.prisma.account.count({ where: { status: 'ACTIVE' } });
    expect(result.snapshots).toBe(active * 6);
    const weeks = await db.prisma.healthSnapshot.groupBy({
      by: ['computedAt'],
      where: { computedAt: { gt: new Date(today.getTime() - 6 * 7 * 86_400_000) }, account: { status: 'ACTIVE' } },
      _count: true,
    });
    expect(weeks.map((w) => w._count)).toEqual(Array(6).fill(active));
    // Eighteen months of renewals and churn, each with the scores of the six months before it.
    expect(await db.prisma.renewalOutcome.count()).toBeGreaterThanOrEqual(result.outcomes);
    const outcomes = await db.prisma.renewalOutcome.aggregate({ _min: { occurredOn: true } });
    expect((today.getTime() - outcomes._min.occurredOn!.getTime()) / 86_400_000).toBeGreaterThan(500);
    expect(await db.prisma.healthSnapshot.count()).toBe(result.snapshots + result.historySnapshots);
    expect(result.historySnapshots).toBe(result.outcomes * 14);
  });

  it.skipIf(skipPostgres(kind))(
    'refuses to mix demo data into a database that has accounts, unless forced',
    async () => {
      await expect(seedDemoPortfolio(db.prisma, { seed: 7, today })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
      const before = {
        accounts: await db.prisma.account.count(),
        metrics: await db.prisma.metricObservation.count(),
        feedback: await db.prisma.feedbackItem.count(),
        activities: await db.prisma.activity.count(),
        plans: await db.prisma.successPlan.count(),
      };
      // Forcing the same seed again refreshes in place: upserts, no duplicates.
      await seedDemoPortfolio(db.prisma, { seed: 7, today, force: true });
      expect({
        accounts: await db.prisma.account.count(),
        metrics: await db.prisma.metricObservation.count(),
        feedback: await db.prisma.feedbackItem.count(),
        activities: await db.prisma.activity.count(),
        plans: await db.prisma.successPlan.count(),
      }).toEqual(before);
    },
  );
});
