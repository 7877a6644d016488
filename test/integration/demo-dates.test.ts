import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDemoSeed } from '../../src/app/start-tend.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';
import { testNow } from '../support/test-clock.js';

// A demo holds nothing dated after its day: an answer about "the last 90 days" must see every
// stored answer, and "acme nps" must not say "no answers" while one is stored for tomorrow.
// Contract terms (renewal dates, plan ends, goal due dates) look forward by nature and are not events.

/** Every event column of the tables the demo fills, and the latest value it may hold. */
const eventColumns: [table: string, column: string][] = [
  ['MetricObservation', 'date'],
  ['HealthSnapshot', 'computedAt'],
  ['FeedbackItem', 'receivedAt'],
  ['Activity', 'occurredAt'],
  ['RenewalOutcome', 'occurredOn'],
  ['PlayRun', 'openedAt'],
  ['PlayRun', 'closedAt'],
  ['SurveyRequest', 'sentAt'],
  ['SurveyRequest', 'answeredAt'],
  ['Contact', 'lastSurveyedAt'],
  ['ProductEvent', 'occurredAt'],
  ['SupportTicket', 'openedAt'],
  ['SupportTicket', 'solvedAt'],
  ['Account', 'contractStart'],
  ['Alert', 'openedAt'],
];

describe.each(databaseKinds)('the demo portfolio on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: defaultDemoSeed, today: testNow });
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))('holds nothing dated after its day', async () => {
    const after: Record<string, number> = {};
    const filled: string[] = [];
    for (const [table, column] of eventColumns) {
      const [row] = await db.prisma.$queryRawUnsafe<{ later: number; total: number }[]>(
        `SELECT count(*) FILTER (WHERE "${column}" > $1)::int AS later, count("${column}")::int AS total FROM "${table}"`,
        testNow,
      );
      if (row!.later) after[`${table}.${column}`] = row!.later;
      if (row!.total) filled.push(`${table}.${column}`);
    }
    expect(after).toEqual({});
    // The check reads real data: the tables that carry the demo's history are filled.
    expect(filled).toEqual(
      expect.arrayContaining([
        'MetricObservation.date',
        'HealthSnapshot.computedAt',
        'FeedbackItem.receivedAt',
        'Activity.occurredAt',
        'RenewalOutcome.occurredOn',
        'PlayRun.openedAt',
      ]),
    );
  });
});
