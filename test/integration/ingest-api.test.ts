import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { createLogger } from '../../src/logging/logger.js';
import { projectRoot } from '../../src/paths.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { createSourceKey, revokeSourceKey } from '../../src/services/ingest/api-keys.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';
import { testTendConfig } from '../support/tend-test-config.js';

const ratePerMinute = 40;

describe.each(databaseKinds)('ingest API over HTTP on %s', (kind) => {
  let db: TestDatabase;
  let tend: RunningTend;
  let base: string;
  let key: string;
  // Tend's clock; tests move it (rate windows are per minute).
  let now = new Date('2026-11-16T09:00:10Z');
  const externalIds: string[] = [];
  /** Every line Tend logged. */
  const logLines: string[] = [];

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const metric = (i: number, value: number, date = '2026-11-15') => ({
    account_external_id: externalIds[i],
    key: 'dau_pct',
    date,
    value,
  });

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, {
      seed: 5,
      today: new Date('2026-11-15T00:00:00Z'),
      accounts: 20,
      historyWeeks: 2,
    });
    externalIds.push(
      ...(await db.prisma.account.findMany({ select: { externalId: true }, orderBy: { externalId: 'asc' } })).map(
        (a) => a.externalId,
      ),
    );
    key = (await createSourceKey(db.prisma, { source: 'warehouse', label: 'nightly sync' })).key;
    const config = testTendConfig(db, { TEND_INGEST_RATE_PER_MINUTE: String(ratePerMinute) });
    const logger = createLogger({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    tend = await startTend(config, logger, { now: () => now });
    base = `http://127.0.0.1:${tend.address.port}`;
  });
  afterAll(async () => {
    await tend?.stop();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('turns away requests without a valid key, and a revoked key at once', async () => {
    const none = await fetch(`${base}/api/v1/ingest/metrics`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as { message: string }).message).toContain('tend sources keys create');
    expect(
      (await post('/api/v1/ingest/metrics', { rows: [metric(0, 50)] }, { authorization: 'Bearer nope' })).status,
    ).toBe(401);
    // A well-formed key with the wrong secret.
    const forged = `${key.slice(0, 18)}${'A'.repeat(key.length - 18)}`;
    expect(
      (await post('/api/v1/ingest/metrics', { rows: [metric(0, 50)] }, { authorization: `Bearer ${forged}` })).status,
    ).toBe(401);
    const spare = await createSourceKey(db.prisma, { source: 'warehouse' });
    const basic = `Basic ${Buffer.from(`${spare.key}:`).toString('base64')}`;
    expect((await post('/api/v1/ingest/metrics', { rows: [metric(0, 50)] }, { authorization: basic })).status).toBe(
      200,
    );
    expect(await revokeSourceKey(db.prisma, spare.id, now)).toBe(true);
    expect((await post('/api/v1/ingest/metrics', { rows: [metric(0, 50)] }, { authorization: basic })).status).toBe(
      401,
    );
    // Only the hash of the secret is stored.
    const stored = await db.prisma.sourceApiKey.findUniqueOrThrow({ where: { id: spare.id } });
    expect(spare.key).not.toContain(stored.secretHash);
    expect(JSON.stringify(stored)).not.toContain(spare.key.split('_').at(-1)!);
  });

  run('refuses an API key in the query string, and never logs it', async () => {
    for (const name of ['api_key', 'token', 'key']) {
      const res = await post(`/api/v1/ingest/metrics?${name}=${key}`, { rows: [metric(0, 50)] }, { authorization: '' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'key_in_url' });
      expect(String(res.body.message)).toContain('Authorization: Bearer');
    }
    // Even with a valid header beside it: the key in the URL is already exposed.
    expect((await post(`/api/v1/ingest/metrics?api_key=${key}`, { rows: [metric(0, 50)] })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 50));
    const logged = logLines.join('');
    expect(logged).toContain('/api/v1/ingest/metrics?api_key=%5Bredacted%5D');
    expect(logged).not.toContain(key);
    expect(logged).not.toContain(key.slice(-12));
  });

  run('writes a batch, marks its accounts fresh, and a replay changes nothing', async () => {
    const rows = [metric(1, 61.5), metric(2, 48), { ...metric(1, 12), key: 'logins_per_user_weekly' }];
    const first = await post('/api/v1/ingest/metrics', { rows }, { 'idempotency-key': 'nightly-2026-11-15' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(first.body).toMatchObject({ kind: 'metrics', rows: 3, accounts: 2 });
    const written = await db.prisma.metricObservation.findMany({
      where: { source: 'warehouse', key: 'dau_pct', date: new Date('2026-11-15') },
    });
    expect(written.map((w) => w.value).sort()).toEqual([48, 50, 61.5]);
    const fresh = await db.prisma.accountFreshness.findMany({ where: { source: 'warehouse' } });
    expect(fresh.map((f) => f.lastArrivedAt.toISOString())).toContain(now.toISOString());

    const again = await post('/api/v1/ingest/metrics', { rows }, { 'idempotency-key': 'nightly-2026-11-15' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.batchId).toBe(first.body.batchId);
    expect(await db.prisma.ingestBatch.count({ where: { idempotencyKey: 'nightly-2026-11-15' } })).toBe(1);
    // Without the key, the natural keys make it a no-op: the values do not even look new.
    const before = await db.prisma.metricObservation.findMany({
      where: { source: 'warehouse' },
      orderBy: { id: 'asc' },
    });
    expect((await post('/api/v1/ingest/metrics', { rows })).status).toBe(200);
    const after = await db.prisma.metricObservation.findMany({
      where: { source: 'warehouse' },
      orderBy: { id: 'asc' },
    });
    expect(after).toEqual(before);
    // The same key for another kind of batch is a mistake worth naming.
    const reused = await post('/api/v1/ingest/outcomes', { rows: [{}] }, { 'idempotency-key': 'nightly-2026-11-15' });
    expect(reused.status).toBe(409);
  });

  run('rejects a partly bad batch naming every bad row, and writes nothing', async () => {
    const res = await post('/api/v1/ingest/metrics', {
      rows: [
        metric(3, 40, '2026-11-14'),
        { ...metric(3, 40, '2026-11-14'), key: 'dau' },
        { ...metric(3, 40, '2026-11-14'), account_external_id: 'NOPE-1' },
        { ...metric(4, 150, '2026-11-14') },
        'not a row',
        metric(3, 41, '2026-11-14'),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('5 of 6 row(s) have problems; nothing was written');
    const problems = res.body.problems as { index: number; field?: string; message: string }[];
    expect(problems.map((p) => p.index)).toEqual([1, 2, 3, 4, 5]);
    expect(problems[0]).toMatchObject({ field: 'key' });
    expect(problems[0]!.message).toContain('"dau" is not a known metric');
    expect(problems[1]).toMatchObject({ field: 'account_external_id' });
    expect(problems[2]!.message).toContain('between 0 and 100');
    expect(problems[3]!.message).toBe('must be an object of fields');
    expect(problems[4]!.message).toContain('of row 0');
    expect(
      await db.prisma.metricObservation.count({ where: { source: 'warehouse', date: new Date('2026-11-14') } }),
    ).toBe(0);
  });

  run('refuses implausible values and dates, each with its row named', async () => {
    const res = await post('/api/v1/ingest/metrics', {
      rows: [
        { ...metric(3, 1e308, '2026-11-14'), key: 'support_tickets' },
        { ...metric(3, -2, '2026-11-14'), key: 'seats_active' },
        metric(3, 40, '1999-12-31'),
        metric(3, 40, '2026-11-30'),
        metric(3, 40, '2026-11-14'),
      ],
    });
    expect(res.status).toBe(422);
    const problems = res.body.problems as { index: number; field?: string; message: string }[];
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'value'],
      [1, 'value'],
      [2, 'date'],
      [3, 'date'],
    ]);
    expect(problems[0]!.message).toContain('between 0 and 10000000 for support_tickets');
    expect(problems[2]!.message).toContain('must not be before 2000-01-01');
    expect(problems[3]!.message).toContain('date is in the future (2026-11-30)');
  });

  run('strips NUL characters from every field instead of failing the batch', async () => {
    const res = await post('/api/v1/ingest/feedback', {
      rows: [
        {
          external_id: 'NUL-1\u0000',
          account_external_id: `${externalIds[5]}\u0000`,
          channel: 'em\u0000ail',
          kind: 'free_text',
          text: 'Reports are slow\u0000 since the upgrade',
          received_at: '2026-11-15T10:00:00Z',
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = await db.prisma.feedbackItem.findFirstOrThrow({ where: { externalId: 'NUL-1' } });
    expect(stored).toMatchObject({ channel: 'email', text: 'Reports are slow since the upgrade' });
  });

  run('a replayed feedback batch without ids and without an Idempotency-Key changes nothing', async () => {
    const rows = [
      {
        account_external_id: externalIds[6],
        channel: 'email',
        kind: 'free_text',
        text: 'Onboarding went well',
        received_at: '2026-11-15T11:00:00Z',
      },
      {
        account_external_id: externalIds[6],
        kind: 'survey',
        survey_type: 'nps',
        score: 9,
        received_at: '2026-11-15T11:00:00Z',
      },
    ];
    const count = () => db.prisma.feedbackItem.count({ where: { account: { externalId: externalIds[6] } } });
    const before = await count();
    expect((await post('/api/v1/ingest/feedback', { rows })).status).toBe(200);
    expect(await count()).toBe(before + 2);
    expect((await post('/api/v1/ingest/feedback', { rows })).status).toBe(200);
    expect(await count()).toBe(before + 2);
  });

  run('takes accounts as JSON (numbers, lists) with the checks of tend import', async () => {
    const res = await post('/api/v1/ingest/accounts', {
      rows: [
        {
          external_id: 'API-1',
          name: 'Api Industries',
          segment: 'mid-market',
          tier: 'growth',
          lifecycle_stage: 'adoption',
          arr: 42000.5,
          seats_licensed: 40,
          domains: ['api-industries.example', 'apiind.example'],
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const account = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'API-1' } });
    expect(account.arr.toFixed(2)).toBe('42000.50');
    expect(account.domains).toEqual(['api-industries.example', 'apiind.example']);
    expect(account.seatsLicensed).toBe(40);
  });

  run('takes a batch of 10,000 rows in one request, and refuses 10,001', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      account_external_id: externalIds[i % 20],
      key: 'support_tickets',
      date: new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10),
      value: i % 7,
    }));
    const res = await post('/api/v1/ingest/metrics', { rows });
    expect(res.status).toBe(200);
    expect(res.body.rows).toBe(10_000);
    expect(await db.prisma.metricObservation.count({ where: { source: 'warehouse', key: 'support_tickets' } })).toBe(
      10_000,
    );
    const tooMany = await post('/api/v1/ingest/metrics', { rows: [...rows, rows[0]] });
    expect(tooMany.status).toBe(413);
  });

  run(
    `answers 429 with Retry-After past ${ratePerMinute} requests a minute per key, shared by every replica`,
    async () => {
      now = new Date('2026-11-16T09:05:20Z');
      const busy = (await createSourceKey(db.prisma, { source: 'busy' })).key;
      const statuses: number[] = [];
      for (let i = 0; i <= ratePerMinute; i++)
        statuses.push((await post('/api/v1/ingest/metrics', { rows: [] }, { authorization: `Bearer ${busy}` })).status);
      expect(statuses.slice(0, ratePerMinute).every((s) => s === 422)).toBe(true);
      const limited = await post('/api/v1/ingest/metrics', { rows: [] }, { authorization: `Bearer ${busy}` });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('40');
      // Another key is not held back, and the next minute opens the budget again.
      expect((await post('/api/v1/ingest/metrics', { rows: [] })).status).toBe(422);
      now = new Date('2026-11-16T09:06:00Z');
      expect((await post('/api/v1/ingest/metrics', { rows: [] }, { authorization: `Bearer ${busy}` })).status).toBe(
        422,
      );
    },
  );

  run('serves its OpenAPI document, the one checked in', async () => {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served).toEqual(JSON.parse(readFileSync(join(projectRoot, 'docs/openapi.json'), 'utf8')));
  });

  run('answers malformed JSON and unknown kinds with a clear error', async () => {
    const bad = await post('/api/v1/ingest/metrics', '{"rows": [');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_json');
    const unknown = await post('/api/v1/ingest/widgets', { rows: [{}] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('accounts, contacts, metrics, feedback, outcomes, events');
  });
});
