import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { jobDefinitions } from '../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../src/jobs/job.js';
import { runJobOnce } from '../../src/jobs/run-job.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Reply } from '../../src/replies/reply.js';
import { replyMarkdown } from '../../src/replies/reply-markdown.js';
import type { AlertNotifier } from '../../src/services/alerts/alert-notifier.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { createSourceKey } from '../../src/services/ingest/api-keys.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';
import { testAlertsConfig, testTendConfig } from '../support/tend-test-config.js';

const t0 = new Date('2026-11-16T09:00:00Z');
const day = 86_400_000;
const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;

describe.each(databaseKinds)('Segment events through the ingest API on %s', (kind) => {
  let db: TestDatabase;
  let tend: RunningTend;
  let key: string;
  let now = t0;
  let acme: { id: string; externalId: string };
  let ownerId: string;
  let baseline: number;
  const sent: { destination: string; reply: Reply }[] = [];
  const notifier: AlertNotifier = {
    channel: 'SLACK',
    async send(destination, reply) {
      sent.push({ destination, reply });
      return { conversation: destination, ref: `m${sent.length}` };
    },
    async update() {},
  };
  let deps: JobDeps;

  const send = async (payload: unknown) => {
    const res = await fetch(`http://127.0.0.1:${tend.address.port}/api/v1/ingest/events`, {
      method: 'POST',
      // Segment-style: the key as the Basic user name.
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
      },
      body: JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const at = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 9, today: new Date(t0.getTime() - day), accounts: 20, historyWeeks: 2 });
    const owner = await db.prisma.user.create({
      data: { email: 'owner@tend.example', name: 'Olive Owner', role: 'CSM', slackUserId: 'UOWNER' },
    });
    ownerId = owner.id;
    const found = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    acme = await db.prisma.account.update({
      where: { id: found.id },
      data: { ownerId: owner.id, seatsLicensed: 50 },
      select: { id: true, externalId: true },
    });
    key = (await createSourceKey(db.prisma, { source: 'segment', kind: 'segment' })).key;
    const config = testTendConfig(db);
    tend = await startTend(config, createLogger({ level: 'silent' }), { now: () => now });
    deps = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      config: { alerts: testAlertsConfig, scheduleTimeZone: 'UTC', surveys: { minDaysBetween: 30, expiryDays: 7 } },
      notifiers: { SLACK: notifier },
    };
    // The nightly baseline: Acme, healthy in the demo, raises nothing.
    await runJobOnce(deps, job('recompute-all'), t0, 'setup');
    await runJobOnce(deps, job('deliver-alerts'), t0, 'setup');
    const snapshot = await db.prisma.healthSnapshot.findFirstOrThrow({
      where: { accountId: acme.id },
      orderBy: [{ computedAt: 'desc' }, { recordedAt: 'desc' }],
    });
    baseline = snapshot.overall!;
    expect(snapshot.band).not.toMatch(/risk/i);
    expect(sent.filter((s) => s.destination === 'UOWNER')).toEqual([]);
  });
  afterAll(async () => {
    await tend?.stop();
    await db?.close();
  });
  const run = it.skipIf(skipPostgres(kind));

  run('places users on accounts by group calls, stores each event once, and rolls events up into metrics', async () => {
    now = new Date(t0.getTime() + 10_000);
    const users = Array.from({ length: 10 }, (_, i) => `u${i + 1}`);
    const batch = [
      { type: 'identify', messageId: 'id-1', userId: 'u1', traits: { email: 'Ada@Acme.example' } },
      ...users.map((u) => ({ type: 'group', messageId: `g-${u}`, userId: u, groupId: acme.externalId })),
      { type: 'group', messageId: 'g-x', userId: 'x1', groupId: 'NOT-A-CUSTOMER' },
      // Only two of Acme's 50 seats were active in the last day.
      { type: 'track', messageId: 't-1', userId: 'u1', event: 'Signed In', timestamp: at(3600) },
      { type: 'track', messageId: 't-2', userId: 'u1', event: 'Report Exported', timestamp: at(1800) },
      { type: 'page', messageId: 'p-1', userId: 'u2', name: 'Dashboard', timestamp: at(600) },
      { type: 'track', messageId: 't-3', userId: 'ghost', event: 'Signed In', timestamp: at(60) },
    ];
    const first = await send({ batch });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ events: batch.length, stored: 3, duplicates: 0 });
    expect((first.body.skipped as { reason: string }[]).map((s) => s.reason)).toEqual([
      'group "NOT-A-CUSTOMER" is no account\'s external id or domain',
      'user "ghost" belongs to no known account: send a group call, or context.groupId',
    ]);
    const metrics = await db.prisma.metricObservation.findMany({
      where: { accountId: acme.id, source: 'segment', date: new Date('2026-11-16') },
    });
    const value = (k: string) => metrics.find((m) => m.key === k)?.value;
    expect(value('dau_pct')).toBe(4); // 2 of 50 seats
    expect(value('seats_active')).toBe(2);
    expect(value('logins_per_user_weekly')).toBe(0.5); // one sign-in, two active users
    const ada = await db.prisma.productUser.findFirstOrThrow({ where: { userId: 'u1' } });
    expect(ada).toMatchObject({ accountId: acme.id, email: 'ada@acme.example' });

    // Sent again (a retrying destination), nothing is stored twice.
    const again = await send({ batch });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 3 });
    expect(await db.prisma.productEvent.count({ where: { accountId: acme.id } })).toBe(3);
    // One event on its own, as a webhook destination sends it; context.groupId places it.
    const single = await send({
      type: 'track',
      messageId: 't-4',
      userId: 'u9',
      event: 'Signed In',
      context: { groupId: acme.externalId },
      timestamp: at(5),
    });
    expect(single.body).toMatchObject({ stored: 1 });
    // A malformed event rejects its batch, named by position and field.
    const bad = await send({
      batch: [
        { type: 'track', messageId: 'm', userId: 'u1' },
        { type: 'track', userId: 'u1', event: 'x' },
      ],
    });
    expect(bad.status).toBe(422);
    expect((bad.body.problems as { index: number; field: string }[]).map((p) => [p.index, p.field])).toEqual([
      [0, 'event'],
      [1, 'messageId'],
    ]);
  });

  run(
    'done when: the usage drop raises one at-risk alert within a minute, and the answer shows the new score and each source',
    async () => {
      // A CRM that has said nothing about Acme for three days: answers and alerts say so.
      await db.prisma.accountFreshness.create({
        data: { accountId: acme.id, source: 'hubspot', lastArrivedAt: new Date(t0.getTime() - 3 * day) },
      });
      // The ingest happened at 09:00:10; the next recompute slot is 09:01.
      const slot = new Date(t0.getTime() + 60_000);
      now = slot;
      const outcome = await runJobOnce(deps, job('recompute-changed'), slot, 'replica-a');
      expect(outcome.status).toBe('ran');
      const atRisk = await db.prisma.alert.findMany({ where: { accountId: acme.id, kind: 'at_risk' } });
      expect(atRisk).toHaveLength(1);
      const toOwner = sent.filter((s) => s.destination === 'UOWNER');
      const message = toOwner.find((s) => s.reply.headline.includes('Acme Corp'));
      expect(message, JSON.stringify(toOwner.map((s) => s.reply.headline))).toBeDefined();
      expect(message!.reply.facts!.find((f) => f.label === 'Data as of')!.value).toBe('2026-11-16 (stale: hubspot)');

      // Another replica on the same slot, and the next slot, send nothing more.
      const count = sent.length;
      expect((await runJobOnce(deps, job('recompute-changed'), slot, 'replica-b')).status).toBe('skipped');
      await runJobOnce(deps, job('recompute-changed'), new Date(slot.getTime() + 60_000), 'replica-b');
      await runJobOnce(deps, job('deliver-alerts'), new Date(slot.getTime() + 60_000), 'replica-b');
      expect(sent.length).toBe(count);

      now = new Date(slot.getTime() + 30_000);
      const answer = await handleMessage(
        { prisma: db.prisma, now: () => now },
        {
          text: 'how is Acme doing?',
          channel: 'shell',
          actor: { userId: ownerId, role: 'csm', external: false, place: 'dm' },
        },
      );
      const score = Number(/Acme Corp: ([\d.]+)\/100/.exec(answer.headline)![1]);
      expect(score).toBeLessThan(baseline);
      const facts = Object.fromEntries((answer.facts ?? []).map((f) => [f.label, f.value]));
      expect(facts['Data as of']).toContain('2026-11-16');
      expect(facts.Sources).toBe('segment 1 min ago, hubspot 3 days ago (stale)');
      expect(replyMarkdown(answer)).toContain('hubspot last sent data 3 days ago (expected within 26 h)');
    },
  );
});
