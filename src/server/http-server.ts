import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { redactQuery, type Logger } from '../logging/logger.js';

export interface HttpServerDeps {
  logger: Logger;
  /** Reports whether the database answers and its migrations are applied. */
  isReady(): Promise<boolean>;
}

export interface HttpServer {
  /** Chat channels mount their routes here before `listen`. */
  app: Express;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting connections and waits for in-flight requests, up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

/** The one HTTP port Tend listens on: probes now, Slack and Teams endpoints as they are mounted. */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // Probes are polled every few seconds; logging them would drown everything else.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      serializers: {
        // A key someone put in a query string must not end up in the log with the URL.
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactQuery(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  let shuttingDown = false;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = !shuttingDown && (await deps.isReady());
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : shuttingDown ? 'shutting down' : 'not ready' });
  });

  let server: Server | undefined;
  return {
    app,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (error?: Error) => {
          if (error) reject(error);
          else resolve(s.address() as AddressInfo);
        });
        server = s;
      });
    },
    async close(timeoutMs) {
      shuttingDown = true;
      const s = server;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      const timer = setTimeout(() => {
        deps.logger.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing their connections');
        s.closeAllConnections();
      }, timeoutMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}
