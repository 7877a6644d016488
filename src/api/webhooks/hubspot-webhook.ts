import { timingSafeEqual } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import express, { type Request, type Response, type Router } from 'express';
import type { ConnectorsConfig } from '../../config/config.js';
import { hubspotObjectsById } from '../../connectors/hubspot/hubspot-connector.js';
import { writePage } from '../../connectors/sync-source.js';
import type { Logger } from '../../logging/logger.js';
import type { Database } from '../../services/database.js';
import { connectorMappingOf } from '../../services/ingest/source-mappings.js';
import { ensureSource, markSourceError } from '../../services/ingest/sources.js';

const maxAgeMs = 5 * 60_000;

/** The URL HubSpot called, as it signed it (behind a proxy, from the forwarded headers). */
function calledUrl(req: Request): string {
  const proto = String(req.headers['x-forwarded-proto'] ?? req.protocol)
    .split(',')[0]!
    .trim();
  const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '');
  return `${proto}://${host}${req.originalUrl}`;
}

/** Checks HubSpot's v3 signature (HMAC-SHA256 of method, URL, body and timestamp) and its age. */
export function hubspotSignatureProblem(
  req: Request,
  body: string,
  clientSecret: string,
  now: Date,
): string | undefined {
  const signature = req.headers['x-hubspot-signature-v3'];
  const timestamp = Number(req.headers['x-hubspot-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return 'missing signature';
  if (Math.abs(now.getTime() - timestamp) > maxAgeMs) return 'stale timestamp';
  const expected = Buffer.from(
    Signature.getSignature('POST', 'v3', {
      clientSecret,
      requestBody: body,
      url: calledUrl(req),
      timestamp,
      signature,
    }),
  );
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? undefined : 'bad signature';
}

/**
 * HubSpot webhooks (company and contact creation and property changes): signed requests only; the
 * changed objects are read back by id and written like a sync page.
 */
export function hubspotWebhookRouter(deps: {
  prisma: Database;
  logger: Logger;
  now(): Date;
  settings: NonNullable<ConnectorsConfig['hubspot']>;
}): Router {
  const router = express.Router();
  const log = deps.logger.child({ component: 'hubspot-webhook' });
  router.post(
    '/api/v1/webhooks/hubspot',
    express.raw({ type: '*/*', limit: '1mb' }),
    async (req: Request, res: Response) => {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      if (!deps.settings.clientSecret) {
        res
          .status(503)
          .json({ error: 'not_configured', message: 'set HUBSPOT_CLIENT_SECRET to accept HubSpot webhooks' });
        return;
      }
      const problem = hubspotSignatureProblem(req, body, deps.settings.clientSecret, deps.now());
      if (problem) {
        log.warn({ problem }, 'refused a HubSpot webhook');
        res.status(401).json({ error: 'invalid_signature', message: problem });
        return;
      }
      let events: { subscriptionType?: string; objectId?: number | string }[];
      try {
        events = JSON.parse(body) as typeof events;
        if (!Array.isArray(events)) throw new Error('not an array');
      } catch {
        res.status(400).json({ error: 'invalid_json', message: 'expected an array of HubSpot events' });
        return;
      }
      const idsOf = (prefix: string) => [
        ...new Set(
          events
            .filter((e) => e.subscriptionType?.startsWith(prefix) && e.subscriptionType !== `${prefix}deletion`)
            .map((e) => String(e.objectId)),
        ),
      ];
      const source = await ensureSource(deps.prisma, 'hubspot', 'hubspot');
      try {
        const mapping = connectorMappingOf(source);
        const rows = {
          ...(await hubspotObjectsById(deps.settings, 'companies', idsOf('company.'), mapping)),
          ...(await hubspotObjectsById(deps.settings, 'contacts', idsOf('contact.'), mapping)),
        };
        const problems: string[] = [];
        const written = await writePage(deps, source, { rows }, deps.now(), problems);
        if (problems.length) await markSourceError(deps.prisma, source.id, problems.join('; '), deps.now());
        res.json({ received: events.length, ...written });
      } catch (error) {
        log.error({ err: error }, 'HubSpot webhook failed');
        // A 5xx makes HubSpot retry the delivery later.
        res.status(503).json({ error: 'retry', message: 'Tend could not take these changes now' });
      }
    },
  );
  return router;
}
