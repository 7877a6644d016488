import express, { type Request, type Response, type Router } from 'express';
import type Stripe from 'stripe';
import type { ConnectorsConfig } from '../../config/config.js';
import { contractionOf, customerIdOf, revenueOf, stripeClient } from '../../connectors/stripe/stripe-connector.js';
import { writePage } from '../../connectors/sync-source.js';
import { callVendor } from '../../connectors/vendor-errors.js';
import type { Logger } from '../../logging/logger.js';
import type { Database } from '../../services/database.js';
import { ensureSource, markSourceError } from '../../services/ingest/sources.js';

/** Seconds a signed Stripe event stays acceptable (Stripe's own default). */
const toleranceSeconds = 300;

/**
 * Stripe webhooks (subscription created, updated, deleted; invoice paid): the signature is checked by the SDK
 * (forged or older than five minutes: refused), then the customer's subscriptions are read again so
 * MRR, ARR, churn and contraction follow at once.
 */
export function stripeWebhookRouter(deps: {
  prisma: Database;
  logger: Logger;
  now(): Date;
  settings: NonNullable<ConnectorsConfig['stripe']>;
}): Router {
  const router = express.Router();
  const log = deps.logger.child({ component: 'stripe-webhook' });
  const stripe = stripeClient(deps.settings);
  router.post(
    '/api/v1/webhooks/stripe',
    express.raw({ type: '*/*', limit: '1mb' }),
    async (req: Request, res: Response) => {
      if (!deps.settings.webhookSecret) {
        res
          .status(503)
          .json({ error: 'not_configured', message: 'set STRIPE_WEBHOOK_SECRET to accept Stripe webhooks' });
        return;
      }
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          Buffer.isBuffer(req.body) ? req.body : Buffer.from(''),
          String(req.headers['stripe-signature'] ?? ''),
          deps.settings.webhookSecret,
          toleranceSeconds,
          undefined,
          // Milliseconds: the SDK divides by 1000.
          deps.now().getTime(),
        );
      } catch (error) {
        log.warn({ problem: (error as Error).message }, 'refused a Stripe webhook');
        res
          .status(400)
          .json({ error: 'invalid_signature', message: 'the Stripe-Signature does not match, or is too old' });
        return;
      }
      // A paid invoice (a renewal, a proration) is a moment to read the customer's revenue again.
      const isSubscription = event.type.startsWith('customer.subscription.');
      if (!isSubscription && event.type !== 'invoice.paid') {
        res.json({ received: true, ignored: event.type });
        return;
      }
      const source = await ensureSource(deps.prisma, 'stripe', 'stripe');
      try {
        const object = event.data.object as Stripe.Subscription | Stripe.Invoice;
        const customer = customerIdOf(object);
        const all = await callVendor('stripe', () =>
          stripe.subscriptions.list({ customer, status: 'all', limit: 100, expand: ['data.customer'] }),
        );
        const revenue = revenueOf(all.data);
        const contraction = isSubscription
          ? contractionOf(
              object as Stripe.Subscription,
              event.data.previous_attributes as Partial<Stripe.Subscription> | undefined,
              event,
              all.data,
            )
          : undefined;
        const outcomes = [...(revenue.rows.outcomes ?? []), ...(contraction ? [contraction] : [])];
        const problems: string[] = [];
        const written = await writePage(
          deps,
          source,
          { accountPatches: revenue.accountPatches ?? [], rows: outcomes.length ? { outcomes } : {} },
          deps.now(),
          problems,
        );
        if (problems.length) await markSourceError(deps.prisma, source.id, problems.join('; '), deps.now());
        res.json({ received: true, ...written });
      } catch (error) {
        log.error({ err: error }, 'Stripe webhook failed');
        res.status(503).json({ error: 'retry', message: 'Tend could not take this event now' });
      }
    },
  );
  return router;
}
