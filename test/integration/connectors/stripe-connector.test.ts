import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../../src/app/start-tend.js';
import { stripeConnector } from '../../../src/connectors/stripe/stripe-connector.js';
import { syncSource, type SyncDeps } from '../../../src/connectors/sync-source.js';
import { createLogger } from '../../../src/logging/logger.js';
import { dyingAfterFirstPage } from '../../support/dying-connector.js';
import { startFakeStripe, type FakeSubscription } from '../../support/fake-stripe.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testTendConfig } from '../../support/tend-test-config.js';

const webhookSecret = 'whsec_test_secret';
const t = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function subscription(
  id: string,
  customer: string,
  unitAmount: number,
  quantity: number,
  over: Partial<FakeSubscription> = {},
  interval: 'month' | 'year' = 'month',
): FakeSubscription {
  return {
    id,
    object: 'subscription',
    customer,
    status: 'active',
    currency: 'usd',
    canceled_at: null,
    created: t('2026-01-01T00:00:00Z'),
    metadata: {},
    items: {
      object: 'list',
      data: [
        {
          id: `si_${id}`,
          quantity,
          price: { id: `price_${id}`, unit_amount: unitAmount, recurring: { interval, interval_count: 1 } },
        },
      ],
    },
    ...over,
  };
}

describe('Stripe connector (official SDK against a fake API) and its signed webhooks', () => {
  let db: TestDatabase;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let tend: RunningTend;
  let deps: SyncDeps;
  let now = new Date('2026-11-16T10:00:00Z');
  const settings = () => ({ secretKey: 'rk_test_1', webhookSecret, apiBase: fake.url });
  const arrOf = async (externalId: string) =>
    (await db.prisma.account.findUniqueOrThrow({ where: { externalId } })).arr.toFixed(2);

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    for (const [externalId, name] of <[string, string][]>[
      ['ACME', 'Acme Corp'],
      ['GLOBEX', 'Globex'],
      ['INITECH', 'Initech'],
    ])
      await db.prisma.account.create({
        data: { externalId, name, segment: 'mid-market', tier: 'standard', lifecycleStage: 'adoption', arr: 1 },
      });
    fake = await startFakeStripe({ pageSize: 2 });
    fake.customers.cus_A = { id: 'cus_A', object: 'customer', metadata: { tend_account: 'ACME' } };
    fake.customers.cus_B = { id: 'cus_B', object: 'customer', metadata: { tend_account: 'GLOBEX' } };
    fake.customers.cus_C = { id: 'cus_C', object: 'customer', metadata: { tend_account: 'INITECH' } };
    fake.customers.cus_D = { id: 'cus_D', object: 'customer', metadata: {} };
    fake.subscriptions.push(
      subscription('sub_1', 'cus_A', 1000, 100), // $10 x 100 seats a month
      subscription('sub_2', 'cus_B', 1_200_000, 1, {}, 'year'), // $12,000 a year
      subscription('sub_3', 'cus_C', 5000, 10, { status: 'canceled', canceled_at: t('2026-10-31T12:00:00Z') }),
      subscription('sub_4', 'cus_D', 900, 1),
    );
    deps = { prisma: db.prisma, logger: createLogger({ level: 'silent' }), notifyAdmins: async () => {} };
    const config = testTendConfig(db, {
      STRIPE_SECRET_KEY: 'rk_test_1',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: fake.url,
    });
    tend = await startTend(config, createLogger({ level: 'silent' }), { now: () => now });
  });
  afterAll(async () => {
    await tend?.stop();
    await fake?.close();
    await db?.close();
  });

  it('backfills every subscription page by page: MRR and ARR per account, churn for a cancelled one', async () => {
    fake.state.rateLimitNext = 1;
    const result = await syncSource(deps, stripeConnector(settings()), now);
    expect(result).toMatchObject({ outcome: 'done', pages: 2 });
    expect(await arrOf('ACME')).toBe('12000.00');
    const acme = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'ACME' } });
    expect(acme.mrr?.toFixed(2)).toBe('1000.00');
    expect(acme.currency).toBe('USD');
    expect(await arrOf('GLOBEX')).toBe('12000.00');
    expect(await arrOf('INITECH')).toBe('0.00');
    const churn = await db.prisma.renewalOutcome.findUniqueOrThrow({ where: { externalId: 'stripe-sub_3-churned' } });
    expect(churn).toMatchObject({ kind: 'CHURNED' });
    expect(churn.occurredOn.toISOString().slice(0, 10)).toBe('2026-10-31');
    expect(churn.arrBefore?.toFixed(2)).toBe('6000.00');
    const cursor = (await db.prisma.source.findUniqueOrThrow({ where: { name: 'stripe' } })).cursor as Record<
      string,
      number
    >;
    expect(cursor.backfilledAt).toBe(t('2026-11-16T10:00:00Z'));
  });

  it('resumes a backfill cut short by a crash from the last subscription written', async () => {
    await db.prisma.source.update({ where: { name: 'stripe' }, data: { cursor: {} } });
    const crashed = await syncSource(deps, dyingAfterFirstPage(stripeConnector(settings())), now);
    expect(crashed).toMatchObject({ outcome: 'failed', pages: 1 });
    expect((await db.prisma.source.findUniqueOrThrow({ where: { name: 'stripe' } })).cursor).toEqual({
      lastSubscription: 'sub_2',
    });
    const before = fake.state.requests.length;
    expect((await syncSource(deps, stripeConnector(settings()), now)).outcome).toBe('done');
    expect(fake.state.requests.slice(before).some((r) => r.includes('starting_after=sub_2'))).toBe(true);
    expect(await db.prisma.renewalOutcome.count()).toBe(1);
  });

  it('then follows subscription events: a downgrade lowers ARR and records a contraction', async () => {
    now = new Date('2026-11-17T10:00:00Z');
    const before = fake.subscriptions[0]!;
    const after = subscription('sub_1', 'cus_A', 1000, 60);
    fake.subscriptions[0] = after;
    fake.events.push({
      id: 'evt_1',
      object: 'event',
      type: 'customer.subscription.updated',
      created: t('2026-11-17T09:00:00Z'),
      data: { object: after, previous_attributes: { items: before.items } },
    });
    const result = await syncSource(deps, stripeConnector(settings()), now);
    expect(result.outcome).toBe('done');
    expect(await arrOf('ACME')).toBe('7200.00');
    const contraction = await db.prisma.renewalOutcome.findUniqueOrThrow({
      where: { externalId: 'stripe-evt_1-contracted' },
    });
    expect(contraction).toMatchObject({ kind: 'CONTRACTED' });
    expect([contraction.arrBefore?.toFixed(2), contraction.arrAfter?.toFixed(2)]).toEqual(['12000.00', '7200.00']);
    // The same events again change nothing.
    await db.prisma.source.update({ where: { name: 'stripe' }, data: { cursor: { backfilledAt: 1, eventsSince: 0 } } });
    await syncSource(deps, stripeConnector(settings()), now);
    expect(await db.prisma.renewalOutcome.count()).toBe(2);
  });

  const deliver = async (payload: string, signature: string) => {
    const res = await fetch(`http://127.0.0.1:${tend.address.port}/api/v1/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('takes a signed webhook: a cancelled subscription is churn at once; forged and stale ones are refused', async () => {
    const sdk = new Stripe('rk_test_1');
    const cancelled = {
      ...fake.subscriptions[1]!,
      status: 'canceled' as const,
      canceled_at: t('2026-11-17T10:00:00Z'),
    };
    const payload = JSON.stringify({
      id: 'evt_2',
      object: 'event',
      type: 'customer.subscription.deleted',
      created: t('2026-11-17T10:00:00Z'),
      data: { object: cancelled },
    });
    const forged = sdk.webhooks.generateTestHeaderString({
      payload,
      secret: 'whsec_wrong',
      timestamp: t(now.toISOString()),
    });
    expect((await deliver(payload, forged)).status).toBe(400);
    const stale = sdk.webhooks.generateTestHeaderString({
      payload,
      secret: webhookSecret,
      timestamp: t(now.toISOString()) - 600,
    });
    expect((await deliver(payload, stale)).status).toBe(400);
    expect(await arrOf('GLOBEX')).toBe('12000.00');

    fake.subscriptions[1] = cancelled;
    const signed = sdk.webhooks.generateTestHeaderString({
      payload,
      secret: webhookSecret,
      timestamp: t(now.toISOString()),
    });
    const ok = await deliver(payload, signed);
    expect(ok.status).toBe(200);
    expect(await arrOf('GLOBEX')).toBe('0.00');
    expect(await db.prisma.renewalOutcome.findUnique({ where: { externalId: 'stripe-sub_2-churned' } })).not.toBeNull();
    expect(await db.prisma.accountFreshness.count({ where: { source: 'stripe' } })).toBe(3);
  });

  it('reads revenue again when an invoice is paid (an upgrade at renewal), and ignores other events', async () => {
    const sdk = new Stripe('rk_test_1');
    fake.subscriptions[0] = subscription('sub_1', 'cus_A', 1000, 80);
    const send = (type: string, object: Record<string, unknown>) => {
      const payload = JSON.stringify({
        id: `evt_${type}`,
        object: 'event',
        type,
        created: t(now.toISOString()),
        data: { object },
      });
      return deliver(
        payload,
        sdk.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp: t(now.toISOString()) }),
      );
    };
    const ignored = await send('charge.succeeded', { id: 'ch_1', object: 'charge', customer: 'cus_A' });
    expect(ignored.body).toEqual({ received: true, ignored: 'charge.succeeded' });
    expect(await arrOf('ACME')).toBe('7200.00');
    const paid = await send('invoice.paid', {
      id: 'in_1',
      object: 'invoice',
      customer: 'cus_A',
      subscription: 'sub_1',
    });
    expect(paid.status).toBe(200);
    expect(await arrOf('ACME')).toBe('9600.00');
  });

  it('counts a revoked key as an authentication failure', async () => {
    const result = await syncSource(deps, stripeConnector({ ...settings(), secretKey: 'rk_revoked' }), now);
    expect(result).toMatchObject({ outcome: 'failed', error: 'stripe refused the credentials (401); renew them' });
  });
});
