import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config.js';
import { openDatabase, type Database } from '../db/database.js';
import { checkAlertDestinations } from '../services/alerts/check-alert-destinations.js';
import { slackAlertNotifier } from '../channels/slack/slack-alert-notifier.js';
import { createTeamsChannel } from '../channels/teams/teams-app.js';
import { jobDefinitions } from '../jobs/job-definitions.js';
import { startLiveRecompute } from '../jobs/live-recompute.js';
import { createScheduler, type Scheduler } from '../jobs/scheduler.js';
import type { AlertNotifiers } from '../services/alerts/alert-notifier.js';
import { refreshAlertMessages } from '../services/alerts/deliver-alerts.js';
import { alertOnSurveyAnswer } from '../services/surveys/survey-alerts.js';
import { chatPlayEffects } from '../services/plays/chat-play-effects.js';
import { configuredCrmTasks } from '../connectors/configured-crm-tasks.js';
import { deliverSurvey } from '../services/surveys/deliver-survey.js';
import { createConversationDeps } from './conversation-deps.js';
import { intents } from '../conversation/intent-registry.js';
import { warmClassifier } from '../conversation/nlu/intent-classifier.js';
import type { ConversationDeps } from '../conversation/handle-message.js';
import { createSlackChannel, type SlackChannel } from '../channels/slack/slack-app.js';
import { countAccounts } from '../db/repositories/accounts.js';
import type { Logger } from '../logging/logger.js';
import { createHttpServer, type HttpServer } from '../server/http-server.js';
import { ingestRouter } from '../api/ingest-router.js';
import { mcpRouter } from '../channels/mcp/mcp-http.js';
import { seedDemoPortfolio } from '../services/demo/seed-demo-portfolio.js';

export interface RunningTend {
  address: AddressInfo;
  db: Database;
  http: HttpServer;
  slack?: SlackChannel;
  scheduler?: Scheduler;
  /** Where alerts and digests go (filled as chat channels start). */
  notifiers: AlertNotifiers;
  /** What chat surfaces answer with (the terminal chat uses it too). */
  conversation: ConversationDeps;
  /** Stops accepting requests, lets in-flight work finish, then closes the database. */
  stop(): Promise<void>;
}

export const defaultDemoSeed = 42;

/** Composition root: configuration -> database -> services -> HTTP (channels and jobs join here). */
export async function startTend(
  config: Config,
  logger: Logger,
  clock: { now(): Date } = { now: () => new Date() },
): Promise<RunningTend> {
  const started = Date.now();
  const db = await openDatabase(config.database, logger);
  try {
    if (db.kind === 'embedded' && config.database.seedDemoOnFirstStart && (await countAccounts(db.prisma)) === 0) {
      logger.info(
        'empty embedded database: adding the demo portfolio (TEND_SEED_DEMO_ON_FIRST_START=false turns this off)',
      );
      const seeded = await seedDemoPortfolio(db.prisma, { seed: defaultDemoSeed, today: clock.now() });
      logger.info(seeded, 'demo portfolio added');
    }
    // The offline classifier trains here (~50 ms) rather than on someone's first question.
    await warmClassifier(intents);
    // Filled in as chat channels start; alerts queue meanwhile and go out once one is there.
    const notifiers: AlertNotifiers = {};
    const crmTasks = await configuredCrmTasks(config.connectors);
    const conversation: ConversationDeps = {
      ...createConversationDeps(db.prisma, config, logger, clock),
      notifiers,
      onAlertChanged: (alertId) => refreshAlertMessages({ prisma: db.prisma, notifiers, logger }, alertId),
      surveys: {
        policy: config.surveys,
        deliver: (survey) => deliverSurvey({ prisma: db.prisma, notifiers, logger }, survey),
      },
      plays: chatPlayEffects({
        prisma: db.prisma,
        notifiers,
        logger,
        ...(config.alerts.slackChannel ? { escalationSlackChannel: config.alerts.slackChannel } : {}),
        surveys: {
          policy: config.surveys,
          deliver: (survey) => deliverSurvey({ prisma: db.prisma, notifiers, logger }, survey),
        },
        ...(crmTasks ? { crmTasks } : {}),
        now: () => clock.now(),
      }),
      async onSurveyAnswered(requestId) {
        const changed = await alertOnSurveyAnswer(
          db.prisma,
          requestId,
          { config: config.alerts, timeZone: config.scheduleTimeZone },
          clock.now(),
        );
        if (changed) await refreshAlertMessages({ prisma: db.prisma, notifiers, logger }, changed);
      },
    };
    const http = createHttpServer({ logger, isReady: () => db.isReady() });
    http.app.use(
      ingestRouter({
        prisma: db.prisma,
        logger,
        now: () => clock.now(),
        ratePerMinute: config.ingest.ratePerMinute,
        maxBodyMb: config.ingest.maxBodyMb,
      }),
    );
    // AI assistants (Claude, ChatGPT, Copilot) over MCP: the same answers and access rules as chat.
    http.app.use(mcpRouter({ conversation, logger, settings: config.mcp }));
    const webhookDeps = { prisma: db.prisma, logger, now: () => clock.now() };
    // Vendor SDKs load only for the connectors that are configured.
    if (config.connectors.hubspot) {
      const { hubspotWebhookRouter } = await import('../api/webhooks/hubspot-webhook.js');
      http.app.use(hubspotWebhookRouter({ ...webhookDeps, settings: config.connectors.hubspot }));
    }
    if (config.connectors.stripe) {
      const { stripeWebhookRouter } = await import('../api/webhooks/stripe-webhook.js');
      http.app.use(stripeWebhookRouter({ ...webhookDeps, settings: config.connectors.stripe }));
    }
    const slack = config.slack
      ? await createSlackChannel({
          config: config.slack,
          expressApp: http.app,
          conversation,
          defaultRole: config.defaultRole,
          logger,
        })
      : undefined;
    if (slack) notifiers.SLACK = slackAlertNotifier(slack.client);
    const teams = config.teams
      ? createTeamsChannel({
          config: config.teams,
          expressApp: http.app,
          conversation,
          defaultRole: config.defaultRole,
          logger,
        })
      : undefined;
    if (teams) notifiers.TEAMS = teams.notifier;
    const address = await http.listen(config.server.port, config.server.host);
    await slack?.start();
    if (slack)
      await checkAlertDestinations({ prisma: db.prisma, notifiers, logger }, [
        ...(config.alerts.slackChannel
          ? [{ channel: 'SLACK' as const, destination: config.alerts.slackChannel, what: 'alerts' }]
          : []),
        ...(config.alerts.digestSlackChannel
          ? [{ channel: 'SLACK' as const, destination: config.alerts.digestSlackChannel, what: 'the weekly digest' }]
          : []),
      ]);
    const scheduler = config.jobs.enabled
      ? createScheduler({ prisma: db.prisma, logger, config, notifiers }, jobDefinitions, { clock })
      : undefined;
    await scheduler?.start();
    // Data to alert in seconds: every replica with jobs drains the queue of freshly changed accounts.
    const live =
      scheduler &&
      startLiveRecompute(
        { prisma: db.prisma, logger, config, notifiers },
        { runner: scheduler.runner, clock, pollMs: config.jobs.livePollMs, debounceMs: config.jobs.liveDebounceMs },
      );
    logger.info(
      {
        port: address.port,
        host: address.address,
        ms: Date.now() - started,
        slack: slack?.mode ?? 'off',
        teams: teams ? (config.teams?.appId ? 'on' : 'unauthenticated (local testing)') : 'off',
      },
      'Tend is ready',
    );
    let stopping: Promise<void> | undefined;
    return {
      address,
      db,
      http,
      conversation,
      ...(slack ? { slack } : {}),
      ...(scheduler ? { scheduler } : {}),
      notifiers,
      stop() {
        stopping ??= (async () => {
          await live?.stop();
          await scheduler?.stop();
          await slack?.stop();
          await http.close(config.server.shutdownTimeoutMs);
          await db.close();
          logger.info('Tend stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
