import type { AddressInfo } from 'node:net';
import express from 'express';

export interface FakeSubscription {
  id: string;
  object: 'subscription';
  customer: string;
  status: 'active' | 'canceled' | 'trialing' | 'past_due';
  currency: string;
  canceled_at: number | null;
  created: number;
  metadata: Record<string, string>;
  items: {
    object: 'list';
    data: {
      id: string;
      quantity: number;
      price: { id: string; unit_amount: number; recurring: { interval: 'month' | 'year'; interval_count: number } };
    }[];
  };
}

/**
 * Stripe's API as far as Tend uses it: subscriptions list (status, customer, starting_after, expand
 * customer) and events list (types, created[gt], starting_after), with a secret key and a 429 on
 * demand (Stripe sends no Retry-After; Tend waits a second).
 */
export async function startFakeStripe(options: { pageSize?: number } = {}) {
  const customers: Record<string, { id: string; object: 'customer'; metadata: Record<string, string> }> = {};
  const subscriptions: FakeSubscription[] = [];
  const events: { id: string; object: 'event'; type: string; created: number; data: Record<string, unknown> }[] = [];
  const state = { key: 'rk_test_1', rateLimitNext: 0, requests: [] as string[] };
  const app = express();
  // Stripe's SDK sends nested parameters (expand[0], created[gt]).
  app.set('query parser', 'extended');
  app.use(express.urlencoded({ extended: true }));
  app.use((req, res, next) => {
    state.requests.push(req.originalUrl);
    if (req.headers.authorization !== `Bearer ${state.key}`)
      return res.status(401).json({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      return res.status(429).json({ error: { type: 'rate_limit_error', message: 'Too many requests' } });
    }
    return next();
  });
  const list = <T extends { id: string }>(all: T[], query: Record<string, unknown>, url: string) => {
    const limit = Math.min(Number(query.limit ?? 10), options.pageSize ?? 100);
    const after = query.starting_after ? all.findIndex((x) => x.id === query.starting_after) + 1 : 0;
    const data = all.slice(after, after + limit);
    return { object: 'list', url, has_more: after + limit < all.length, data };
  };
  app.get('/v1/subscriptions', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const expand = ([] as unknown[]).concat(q.expand ?? []).includes('data.customer');
    const all = subscriptions
      .filter((s) => !q.customer || s.customer === q.customer)
      .filter((s) => q.status === 'all' || s.status !== 'canceled')
      .map((s) => (expand ? { ...s, customer: customers[s.customer] ?? s.customer } : s));
    return res.json(list(all, q, '/v1/subscriptions'));
  });
  app.get('/v1/events', (req, res) => {
    const q = req.query as { types?: string[]; created?: { gt?: string } } & Record<string, unknown>;
    const types = ([] as string[]).concat(q.types ?? []);
    const all = events
      .filter((e) => !types.length || types.includes(e.type))
      .filter((e) => !q.created?.gt || e.created > Number(q.created.gt))
      .sort((a, b) => b.created - a.created);
    return res.json(list(all, q, '/v1/events'));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    customers,
    subscriptions,
    events,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
