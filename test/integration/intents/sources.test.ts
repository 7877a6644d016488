import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/conversation/handle-message.js';
import { parseIntent } from '../../../src/conversation/parse-intent.js';
import type { Actor } from '../../../src/services/access/actor.js';
import { createSourceKey } from '../../../src/services/ingest/api-keys.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('sources', () => {
  it.each([
    ['sources', { kind: 'sources' }],
    ['/tend sources', { kind: 'sources' }],
    ['how fresh is our data?', { kind: 'sources' }],
    ['which data sources are stale', { kind: 'sources' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseIntent(text)).toEqual(expected);
  });

  let db: TestDatabase;
  const now = new Date('2026-12-02T10:00:00Z');
  const manager: Actor = { role: 'manager', external: false, place: 'dm' };
  const ask = (text: string, actor: Actor = manager) =>
    handleMessage({ prisma: db.prisma, now: () => now }, { text, channel: 'shell', actor });

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('says when there are none, and how to connect one', async () => {
    const reply = await ask('sources');
    expect(reply.headline).toContain('No data sources yet');
    expect(JSON.stringify(reply)).toContain('tend sources keys create');
  });

  it('lists each source with its state, last success, rows in the last day and errors; troubled ones first', async () => {
    await createSourceKey(db.prisma, { source: 'warehouse' });
    await createSourceKey(db.prisma, { source: 'segment', kind: 'segment' });
    const warehouse = await db.prisma.source.update({
      where: { name: 'warehouse' },
      data: { lastSuccessAt: new Date(now.getTime() - 5 * 60_000) },
    });
    await db.prisma.ingestBatch.create({
      data: { sourceId: warehouse.id, kind: 'metrics', rows: 1200, status: 200, response: {} },
    });
    await db.prisma.source.update({
      where: { name: 'segment' },
      data: {
        lastSuccessAt: new Date(now.getTime() - 3 * 86_400_000),
        lastError: 'authentication failed (401)',
        lastErrorAt: new Date(now.getTime() - 3_600_000),
      },
    });
    const reply = await ask('how fresh is our data?');
    expect(reply.headline).toBe('2 data source(s), 1 needing attention');
    expect(reply.tone).toBe('warning');
    expect(reply.table!.rows).toEqual([
      ['segment (segment)', 'stale (> 26 h)', '3 days ago', '0', '60 min ago: authentication failed (401)'],
      ['warehouse (api)', 'active', '5 min ago', '1200', ''],
    ]);
  });

  it('is for managers and admins only', async () => {
    const reply = await ask('sources', { role: 'csm', external: false, place: 'dm' });
    expect(reply.headline).toBe('Only managers and Tend admins can see that.');
    expect(reply.table).toBeUndefined();
  });
});
