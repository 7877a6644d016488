import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresNear } from '../../src/db/repositories/health-snapshots.js';
import { testNow } from '../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

const day = 86_400_000;
const at = (days: number) => new Date(testNow.getTime() + days * day);

// The plays report reads health at each case's alert and 30 / 60 / 90 days on through this lookup.
describe.each(databaseKinds)('scores near a time on %s', (kind) => {
  let db: TestDatabase;
  let a: string;
  let b: string;

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    const account = (externalId: string) =>
      db.prisma.account.create({
        data: {
          externalId,
          name: externalId,
          segment: 'standard',
          tier: 'professional',
          lifecycleStage: 'adoption',
          arr: 1,
        },
      });
    a = (await account('NEAR-A')).id;
    b = (await account('NEAR-B')).id;
    const snapshot = (accountId: string, days: number, overall: number | null) => ({
      accountId,
      computedAt: at(days),
      overall,
      band: overall === null ? 'insufficient' : 'Healthy',
      dimensions: {},
      explanation: {},
      modelId: 'test',
      modelVersion: '1',
    });
    await db.prisma.healthSnapshot.createMany({
      data: [
        snapshot(a, -10, 50),
        snapshot(a, -2, 60),
        snapshot(a, 2, 70), // as near as the one 2 days before: the earlier wins
        snapshot(a, 20, null), // not enough data: never a score
        snapshot(a, 40, 80),
        snapshot(b, 0, 30),
      ],
    });
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))(
    'finds the nearest scored snapshot within the tolerance, per account, and nothing past it',
    async () => {
      const scores = await scoresNear(
        db.prisma,
        [
          { accountId: a, at: at(0) }, // -2 and +2 tie: the earlier
          { accountId: a, at: at(-9) }, // -10 is nearest
          { accountId: a, at: at(20) }, // only a "not enough data" snapshot within a week
          { accountId: a, at: at(38) }, // 40 is within a week, but computed after notAfter
          { accountId: b, at: at(6) }, // 0 is 6 days away: within the week
          { accountId: b, at: at(8) }, // 8 days away: outside
        ],
        7,
        at(30),
      );
      expect(scores).toEqual([60, 50, null, null, 30, null]);
      expect(await scoresNear(db.prisma, [{ accountId: a, at: at(38) }], 7, at(45))).toEqual([80]);
      expect(await scoresNear(db.prisma, [], 7, at(45))).toEqual([]);
    },
  );
});
