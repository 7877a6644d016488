import { nulFreeReviver } from '../core/text/without-nul.js';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Database } from '../services/database.js';
import { secretQueryParam, type Logger } from '../logging/logger.js';
import { verifySourceKey } from '../services/ingest/api-keys.js';
import { ingestEvents } from '../services/ingest/ingest-events.js';
import { ingestRows, rowKinds, type RowKind } from '../services/ingest/ingest-rows.js';
import { takeRequest } from '../services/ingest/rate-limit.js';
import type { SourceRecord } from '../services/ingest/sources.js';
import { presentedKey } from './ingest-auth.js';
import { buildOpenApi } from './openapi.js';

export interface IngestApiDeps {
  prisma: Database;
  logger: Logger;
  now(): Date;
  ratePerMinute: number;
  maxBodyMb: number;
}

type Authed = Request & { source?: SourceRecord };

const fail = (res: Response, status: number, error: string, message: string) =>
  res.status(status).json({ error, message });

/** The ingest API: `POST /api/v1/ingest/<kind>` with a source's API key, and its OpenAPI document. */
export function ingestRouter(deps: IngestApiDeps): Router {
  const router = express.Router();
  const log = deps.logger.child({ component: 'ingest-api' });
  const document = buildOpenApi();

  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });

  const authenticate = async (req: Authed, res: Response, next: NextFunction) => {
    try {
      if (Object.keys(req.query).some((name) => secretQueryParam.test(name))) {
        fail(
          res,
          400,
          'key_in_url',
          'API keys go in the Authorization header (Authorization: Bearer tend_...), never in a URL, where proxies and logs keep them; revoke this key (tend sources keys revoke) and create a new one',
        );
        return;
      }
      const key = presentedKey(req);
      const verified = key ? await verifySourceKey(deps.prisma, key, deps.now()) : undefined;
      if (!verified) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="tend-ingest"');
        fail(
          res,
          401,
          'unauthorized',
          'send a source API key: Authorization: Bearer tend_... (tend sources keys create)',
        );
        return;
      }
      if (verified.source.state !== 'active') {
        fail(
          res,
          403,
          'source_' + verified.source.state,
          `source "${verified.source.name}" is ${verified.source.state}`,
        );
        return;
      }
      const rate = await takeRequest(deps.prisma, verified.keyId, deps.now(), deps.ratePerMinute);
      res.setHeader('RateLimit-Limit', String(deps.ratePerMinute));
      res.setHeader('RateLimit-Remaining', String(rate.remaining));
      if (!rate.allowed) {
        res.setHeader('Retry-After', String(rate.retryAfterSeconds));
        fail(
          res,
          429,
          'rate_limited',
          `more than ${deps.ratePerMinute} requests a minute for this key; retry in ${rate.retryAfterSeconds} s`,
        );
        return;
      }
      req.source = verified.source;
      next();
    } catch (error) {
      next(error);
    }
  };

  const idempotencyKeyOf = (req: Request): string | undefined | null => {
    const value = req.headers['idempotency-key'];
    if (value === undefined) return undefined;
    const key = Array.isArray(value) ? value[0]! : value;
    return key.length > 0 && key.length <= 255 ? key : null;
  };

  router.post(
    '/api/v1/ingest/:kind',
    // Authenticate before reading a large body: an unknown caller costs one lookup.
    authenticate,
    express.json({ limit: `${deps.maxBodyMb}mb`, reviver: nulFreeReviver }),
    async (req: Authed, res: Response, next: NextFunction) => {
      try {
        const kind = String(req.params.kind);
        const idempotencyKey = idempotencyKeyOf(req);
        if (idempotencyKey === null) {
          fail(res, 400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 characters');
          return;
        }
        const common = { source: req.source!, now: deps.now(), ...(idempotencyKey ? { idempotencyKey } : {}) };
        if (kind === 'events') {
          const outcome = await ingestEvents(deps.prisma, { ...common, payload: req.body });
          res.setHeader('Idempotent-Replayed', String(outcome.replayed));
          res.status(outcome.status).json(outcome.body);
          return;
        }
        if (!(rowKinds as readonly string[]).includes(kind)) {
          fail(res, 404, 'unknown_kind', `kinds: ${[...rowKinds, 'events'].join(', ')}`);
          return;
        }
        const rows = (req.body as { rows?: unknown } | undefined)?.rows;
        if (!Array.isArray(rows) || rows.length === 0) {
          fail(res, 422, 'invalid_payload', 'send {"rows": [ ... ]} with at least one row');
          return;
        }
        const outcome = await ingestRows(deps.prisma, { ...common, kind: kind as RowKind, rows });
        res.setHeader('Idempotent-Replayed', String(outcome.replayed));
        res.status(outcome.status).json(outcome.body);
        if (outcome.status === 200 && !outcome.replayed)
          log.info({ source: req.source!.name, kind, rows: rows.length }, 'ingested a batch');
      } catch (error) {
        next(error);
      }
    },
  );

  router.use(
    '/api/v1',
    (error: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
      if (error.type === 'entity.too.large')
        return fail(res, 413, 'body_too_large', `the body is over ${deps.maxBodyMb} MB; send smaller batches`);
      if (error.type === 'entity.parse.failed') return fail(res, 400, 'invalid_json', 'the body is not valid JSON');
      log.error({ err: error }, 'ingest request failed');
      return fail(res, 500, 'internal', 'Tend could not take this batch; nothing was written. Try again.');
    },
  );
  return router;
}
