import Stripe from 'stripe';
import type { ConnectorsConfig } from '../../config/config.js';
import { centsToAmount, monthlyRecurringCents, type RecurringItem } from '../../core/billing/recurring-revenue.js';
import type { AccountPatch } from '../../services/ingest/account-patches.js';
import type { Connector, ConnectorPage } from '../connector.js';
import { callVendor } from '../vendor-errors.js';
import { appendTo } from '../../core/collections/append-to.js';

export type StripeSettings = NonNullable<ConnectorsConfig['stripe']>;

/** Stripe customers name their Tend account in metadata (set `tend_account` on the customer). */
export const accountMetadataKey = 'tend_account';

type Cursor = { backfilledAt?: number; lastSubscription?: string; eventsSince?: number };

export function stripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBase ? new URL(settings.apiBase) : undefined;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 0,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

const itemsOf = (sub: Stripe.Subscription): RecurringItem[] =>
  sub.items.data.map((i) => ({
    unitAmount: i.price.unit_amount,
    quantity: i.quantity ?? 1,
    interval: (i.price.recurring?.interval ?? 'month') as RecurringItem['interval'],
    intervalCount: i.price.recurring?.interval_count ?? 1,
  }));

const accountOf = (sub: Stripe.Subscription): string | undefined => {
  const customer = sub.customer;
  const fromCustomer =
    typeof customer === 'object' && customer && !('deleted' in customer && customer.deleted)
      ? (customer as Stripe.Customer).metadata?.[accountMetadataKey]
      : undefined;
  return sub.metadata?.[accountMetadataKey] ?? fromCustomer;
};

/** The customer id of a subscription or invoice, whether Stripe expanded the customer or not. */
export const customerIdOf = (o: { customer: string | { id: string } | null }): string =>
  typeof o.customer === 'string' ? o.customer : (o.customer?.id ?? '');

const day = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(0, 10);
const live = (s: Stripe.Subscription) => ['active', 'trialing', 'past_due'].includes(s.status);

/**
 * What a set of subscriptions means for Tend: each account's MRR and ARR from its live
 * subscriptions, and a churn outcome for an account whose last subscription was cancelled.
 */
export function revenueOf(subscriptions: Stripe.Subscription[]): Pick<ConnectorPage, 'rows' | 'accountPatches'> {
  const byAccount = new Map<string, Stripe.Subscription[]>();
  for (const sub of subscriptions) {
    const account = accountOf(sub);
    if (account) appendTo(byAccount, account, sub);
  }
  const billing: AccountPatch[] = [];
  const outcomes: Record<string, unknown>[] = [];
  for (const [account, subs] of byAccount) {
    const mrr = monthlyRecurringCents(subs.filter(live).flatMap(itemsOf));
    const currency = (subs[0]!.currency ?? 'usd').toUpperCase();
    billing.push({ accountExternalId: account, mrr: centsToAmount(mrr), arr: centsToAmount(mrr * 12), currency });
    const ended = subs.filter((s) => s.status === 'canceled' && s.canceled_at);
    if (mrr === 0 && ended.length) {
      const last = ended.reduce((a, b) => ((a.canceled_at ?? 0) > (b.canceled_at ?? 0) ? a : b));
      outcomes.push({
        external_id: `stripe-${last.id}-churned`,
        account_external_id: account,
        kind: 'churned',
        occurred_on: day(last.canceled_at!),
        arr_before: centsToAmount(monthlyRecurringCents(itemsOf(last)) * 12),
        arr_after: '0',
        currency,
      });
    }
  }
  return { accountPatches: billing, rows: outcomes.length ? { outcomes } : {} };
}

/** A downgrade, from a subscription update event's previous items: a contraction outcome. */
export function contractionOf(
  sub: Stripe.Subscription,
  previous: Partial<Stripe.Subscription> | undefined,
  event: { id: string; created: number },
  /** The customer's subscriptions as read now (with the customer), to find the account. */
  current: Stripe.Subscription[],
): Record<string, unknown> | undefined {
  const customer = customerIdOf(sub);
  const account =
    accountOf(sub) ??
    current
      .filter((s) => customerIdOf(s) === customer)
      .map(accountOf)
      .find((a) => a !== undefined);
  if (!account || !previous?.items) return undefined;
  const at = event.created;
  const eventId = event.id;
  const before = monthlyRecurringCents(itemsOf({ ...sub, items: previous.items } as Stripe.Subscription));
  const after = monthlyRecurringCents(itemsOf(sub));
  if (after >= before || !live(sub)) return undefined;
  return {
    external_id: `stripe-${eventId}-contracted`,
    account_external_id: account,
    kind: 'contracted',
    occurred_on: day(at),
    arr_before: centsToAmount(before * 12),
    arr_after: centsToAmount(after * 12),
    currency: (sub.currency ?? 'usd').toUpperCase(),
  };
}

/**
 * Stripe subscriptions (official `stripe` SDK): a backfill of every subscription, page by page, then
 * each sync reads the subscriptions of customers whose subscription events arrived since. Webhooks
 * bring the same changes as they happen.
 */
export function stripeConnector(settings: StripeSettings): Connector {
  const stripe = stripeClient(settings);
  const call = <T>(run: () => Promise<T>) => callVendor('stripe', run);
  return {
    kind: 'stripe',
    async *pages({ cursor, now }): AsyncGenerator<ConnectorPage> {
      const at: Cursor = { ...((cursor as Cursor | undefined) ?? {}) };
      if (!at.backfilledAt) {
        for (;;) {
          const page = await call(() =>
            stripe.subscriptions.list({
              status: 'all',
              limit: 100,
              expand: ['data.customer'],
              ...(at.lastSubscription ? { starting_after: at.lastSubscription } : {}),
            }),
          );
          if (page.data.length) at.lastSubscription = page.data.at(-1)!.id;
          if (!page.has_more) {
            at.backfilledAt = Math.floor(now.getTime() / 1000);
            at.eventsSince = at.backfilledAt;
            delete at.lastSubscription;
          }
          yield { ...revenueOf(page.data), cursor: { ...at } };
          if (!page.has_more) return;
        }
      }
      // Since the backfill: which customers' subscriptions changed, then their subscriptions now.
      const customers = new Set<string>();
      let latest = at.eventsSince ?? 0;
      let startingAfter: string | undefined;
      const updates: { sub: Stripe.Subscription; previous: Partial<Stripe.Subscription>; event: Stripe.Event }[] = [];
      for (;;) {
        const events = await call(() =>
          stripe.events.list({
            types: ['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted'],
            created: { gt: at.eventsSince ?? 0 },
            limit: 100,
            ...(startingAfter ? { starting_after: startingAfter } : {}),
          }),
        );
        for (const e of events.data) {
          const sub = e.data.object as Stripe.Subscription;
          customers.add(customerIdOf(sub));
          latest = Math.max(latest, e.created);
          if (e.data.previous_attributes)
            updates.push({ sub, previous: e.data.previous_attributes as Partial<Stripe.Subscription>, event: e });
        }
        if (!events.has_more || !events.data.length) break;
        startingAfter = events.data.at(-1)!.id;
      }
      const subscriptions: Stripe.Subscription[] = [];
      for (const customer of customers) {
        const list = await call(() =>
          stripe.subscriptions.list({ customer, status: 'all', limit: 100, expand: ['data.customer'] }),
        );
        subscriptions.push(...list.data);
      }
      const contractions = updates
        .map((u) => contractionOf(u.sub, u.previous, u.event, subscriptions))
        .filter((c): c is Record<string, unknown> => c !== undefined);
      const revenue = revenueOf(subscriptions);
      const outcomes = [...(revenue.rows.outcomes ?? []), ...contractions];
      yield {
        accountPatches: revenue.accountPatches ?? [],
        rows: outcomes.length ? { outcomes } : {},
        cursor: { ...at, eventsSince: latest },
      };
    },
  };
}
