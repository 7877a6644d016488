import { App, ExpressReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Express } from 'express';
import type { SlackConfig } from '../../config/config.js';
import type { ConversationDeps } from '../../conversation/handle-message.js';
import type { Logger } from '../../logging/logger.js';
import { registerListeners } from './listeners/register-listeners.js';
import { createSlackActorResolver } from './slack-actor.js';

export interface SlackChannel {
  mode: 'http' | 'socket';
  client: WebClient;
  /** Socket Mode connects here; HTTP mode is already mounted on the shared server. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackChannelDeps {
  config: SlackConfig;
  /** The shared HTTP server's app; `/slack/events` is mounted on it in HTTP mode. */
  expressApp: Express;
  conversation: ConversationDeps;
  defaultRole: 'viewer' | 'csm' | 'none';
  logger: Logger;
}

/** Bolt's logger interface over Tend's (Bolt's debug output is trace here: it is chatty). */
function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ');
  return {
    debug: (...m) => log.trace(text(m)),
    info: (...m) => log.info(text(m)),
    warn: (...m) => log.warn(text(m)),
    error: (...m) => log.error(text(m)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * The Slack app: slash command, DMs, @mentions, buttons, modals and App Home (listeners/, one file
 * each), all answered by the channel-neutral conversation core. Requests are acknowledged before any
 * work; answers follow through `response_url` or the Web API.
 */
export async function createSlackChannel(deps: SlackChannelDeps): Promise<SlackChannel> {
  const { config, logger } = deps;
  const log = logger.child({ component: 'slack' });
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
    retryConfig: { retries: config.apiRetries, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  };
  const socketMode = config.appToken !== undefined;
  // Before Bolt's check, which refuses only timestamps older than five minutes: a signed request
  // dated ahead of now could be replayed until that time comes.
  if (!socketMode) refuseFutureTimestamps(deps.expressApp, '/slack/events');
  const app = socketMode
    ? new App({
        token: config.botToken,
        socketMode: true,
        // Its own receiver, so the connection call (apps.connections.open) uses the same API URL.
        receiver: new SocketModeReceiver({
          appToken: config.appToken!,
          logger: boltLogger(logger),
          installerOptions: { clientOptions },
        }),
        clientOptions,
        logger: boltLogger(logger),
        deferInitialization: true,
      })
    : new App({
        token: config.botToken,
        receiver: new ExpressReceiver({
          signingSecret: config.signingSecret!,
          app: deps.expressApp,
          endpoints: '/slack/events',
          logger: boltLogger(logger),
        }),
        clientOptions,
        logger: boltLogger(logger),
        deferInitialization: true,
      });
  // Checks the bot token once at start (auth.test), so a wrong token fails loudly, not per request.
  await app.init();

  const resolver = createSlackActorResolver({
    prisma: deps.conversation.prisma,
    client: app.client,
    defaultRole: deps.defaultRole,
    logger,
  });
  registerListeners(app, { conversation: deps.conversation, resolver, log }, config.command);

  app.error(async (error) => {
    log.error({ err: error }, 'Slack request failed');
  });

  return {
    mode: socketMode ? 'socket' : 'http',
    client: app.client,
    async start() {
      if (socketMode) await app.start();
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}

/** Refuses requests dated more than five minutes ahead (Slack's allowed skew); registered first. */
function refuseFutureTimestamps(app: Express, path: string): void {
  app.use(path, (req, res, next) => {
    const stamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && stamp > Date.now() / 1000 + 5 * 60) {
      res.status(401).send('x-slack-request-timestamp is in the future');
      return;
    }
    next();
  });
}
