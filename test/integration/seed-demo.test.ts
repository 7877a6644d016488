import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DatabaseNotEmptyError,
  defaultHistoryWeeks,
  seedDemoPortfolio,
} from '../../src/services/demo/seed-demo-portfolio.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

const today = new Date('2026-11-22T00:00:00Z');

describe.each(databaseKinds)('demo portfolio on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (!skipPostgres(kind)) db = await createTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))(
    'fills an empty database with a realistic book of business',
    { timeout: 240_000 },
    async () => {
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
      // A snapshot per active account for every week from the start of the last completed quarter
      // (2026Q3) to the demo's day, none after it: a QBR of either quarter has its weekly trend.
      const active = await db.prisma.account.count({ where: { status: 'ACTIVE' } });
      const weeks = defaultHistoryWeeks(today);
      expect(weeks).toBe(21);
      expect(result.snapshots).toBe(active * weeks);
      const byWeek = await db.prisma.healthSnapshot.groupBy({
        by: ['computedAt'],
        where: { computedAt: { gte: new Date('2026-07-01T00:00:00Z') }, account: { status: 'ACTIVE' } },
        _count: true,
        orderBy: { computedAt: 'asc' },
      });
      expect(byWeek.map((w) => w._count)).toEqual(Array(weeks).fill(active));
      expect(byWeek.at(-1)!.computedAt).toEqual(today);
      expect(byWeek[0]!.computedAt.getTime()).toBeLessThan(Date.parse('2026-07-08T00:00:00Z'));
      // Eighteen months of renewals and churn, each with the scores of the six months before it.
      expect(await db.prisma.renewalOutcome.count()).toBeGreaterThanOrEqual(result.outcomes);
      const outcomes = await db.prisma.renewalOutcome.aggregate({ _min: { occurredOn: true } });
      expect((today.getTime() - outcomes._min.occurredOn!.getTime()) / 86_400_000).toBeGreaterThan(500);
      expect(await db.prisma.healthSnapshot.count()).toBe(result.snapshots + result.historySnapshots);
      // Each outcome's scores of the six months before it, less those in the weeks the weekly snapshots cover.
      expect(result.historySnapshots).toBeLessThanOrEqual(result.outcomes * 14);
      expect(result.historySnapshots).toBeGreaterThan(result.outcomes * 7);
    },
  );

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
    240_000,
  );
});
