import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimRecompute,
  enqueueIfAbsent,
  finishRecompute,
  releaseRecompute,
  requestRecompute,
} from '../../src/db/repositories/recompute-requests.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

// The queue of accounts whose data changed: each account claimed by one replica at a time, a burst
// settled by the debounce, new data during a score scored again after, a dead replica's claim lapsing.

describe.each(databaseKinds)('the recompute queue on %s', (kind) => {
  let db: TestDatabase;
  const ids: string[] = [];
  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    for (let i = 0; i < 6; i++)
      ids.push(
        (
          await db.prisma.account.create({
            data: {
              externalId: `q-${i}`,
              name: `Queue ${i}`,
              segment: 's',
              tier: 't',
              lifecycleStage: 'adoption',
              arr: 1,
            },
          })
        ).id,
      );
  });
  afterAll(async () => db?.close());
  const run = it.skipIf(skipPostgres(kind));
  const claim = (runner: string, debounceMs = 0, leaseMs = 60_000, limit = 100) =>
    claimRecompute(db.prisma, { runner, debounceMs, leaseMs, limit });

  run('waits out the debounce, then gives each account to one claimer', async () => {
    await requestRecompute(db.prisma, ids.slice(0, 4));
    expect(await claim('a', 60_000)).toEqual([]);
    const [a, b] = await Promise.all([claim('a', 0, 60_000, 2), claim('b', 0, 60_000, 2)]);
    expect([...a!, ...b!].sort()).toEqual(ids.slice(0, 4).sort());
    expect(new Set([...a!, ...b!]).size).toBe(4);
    expect(await claim('c')).toEqual([]);
    await finishRecompute(db.prisma, 'a', a!);
    await finishRecompute(db.prisma, 'b', b!);
    expect(await db.prisma.recomputeRequest.count()).toBe(0);
  });

  run('scores an account again when data arrives while it is being scored', async () => {
    await requestRecompute(db.prisma, [ids[0]!]);
    const [first] = await claim('a');
    expect(first).toBe(ids[0]);
    await requestRecompute(db.prisma, [ids[0]!]);
    // The sweep's "changed" view does not ask twice for what is being scored.
    await enqueueIfAbsent(db.prisma, [ids[0]!]);
    expect(await claim('b')).toEqual([]);
    await finishRecompute(db.prisma, 'a', [ids[0]!]);
    expect(await claim('b')).toEqual([ids[0]]);
    await finishRecompute(db.prisma, 'b', [ids[0]!]);
    expect(await db.prisma.recomputeRequest.count()).toBe(0);
  });

  run('lets another replica take a lapsed claim, and a released one at once', async () => {
    await requestRecompute(db.prisma, [ids[1]!, ids[2]!]);
    expect((await claim('dead', 0, 1)).sort()).toEqual([ids[1], ids[2]].sort());
    await new Promise((r) => setTimeout(r, 20));
    expect((await claim('alive')).sort()).toEqual([ids[1], ids[2]].sort());
    // A finish by the replica that lost its claim removes nothing.
    await finishRecompute(db.prisma, 'dead', [ids[1]!, ids[2]!]);
    expect(await db.prisma.recomputeRequest.count()).toBe(2);
    await releaseRecompute(db.prisma, 'alive', [ids[1]!, ids[2]!]);
    expect((await claim('next')).sort()).toEqual([ids[1], ids[2]].sort());
    await finishRecompute(db.prisma, 'next', [ids[1]!, ids[2]!]);
    expect(await db.prisma.recomputeRequest.count()).toBe(0);
  });
});
