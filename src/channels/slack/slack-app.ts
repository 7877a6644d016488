import { randomUUID } from 'node:crypto';
import { App, ExpressReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Express } from 'express';
import type { SlackConfig } from '../../config/config.js';
import { handleMessage, isSlowRequest, type ConversationDeps } from '../../conversation/handle-message.js';
import { homeReply } from '../../conversation/home-reply.js';
import type { InboundMessage, Reply } from '../../conversation/reply.js';
import { claimDelivery } from '../../db/repositories/processed-deliveries.js';
import type { Logger } from '../../logging/logger.js';
import { AccessDenied, assertCanWrite, type Actor } from '../../services/access/actor.js';
import { createSlackActorResolver, type SlackSpeaker } from './slack-actor.js';
import { registerSlackForms } from './slack-form-handlers.js';
import { formView } from './slack-forms.js';
import { actionIds, renderBlocks, slackLimits, type ButtonPayload } from './render-blocks.js';

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
 * The Slack app: slash command, DMs, @mentions, buttons, modals and App Home, all answered by the
 * channel-neutral conversation core. Requests are acknowledged before any work; answers follow
 * through `response_url` or the Web API.
 */
export async function createSlackChannel(deps: SlackChannelDeps): Promise<SlackChannel> {
  const { config, logger } = deps;
  const log = logger.child({ component: 'slack' });
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
    retryConfig: { retries: config.apiRetries, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  };
  const socketMode = config.appToken !== undefined;
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
  const ask = (text: string, actor: Actor) => {
    const message: InboundMessage = { text, channel: 'slack', actor };
    return handleMessage(deps.conversation, message);
  };
  /** Answers others can see in a channel can be shared; refusals and errors stay private. */
  const shareable = (reply: Reply, actor: Actor) =>
    actor.place === 'channel' && reply.tone !== 'error' && !reply.headline.startsWith('I did not understand');

  /** Logs an unexpected failure and tells the person with a reference they can quote. */
  const failed = (error: unknown, what: string) => {
    const reference = randomUUID().slice(0, 8);
    log.error({ err: error, reference }, `Slack ${what} failed`);
    return renderBlocks({
      headline: `Something went wrong on my side (reference ${reference}). Please try again; if it keeps happening, give your Tend admin the reference.`,
      tone: 'error',
    });
  };

  // A retried event (X-Slack-Retry-Num) or one already taken by another replica does nothing.
  app.use(async ({ body, context, next }) => {
    const b = body as { type?: string; event_id?: string };
    if (b.type === 'event_callback' && b.event_id) {
      const first = await claimDelivery(deps.conversation.prisma, `slack:event:${b.event_id}`);
      if (!first) {
        log.info({ eventId: b.event_id, retryNum: context.retryNum }, 'duplicate Slack delivery ignored');
        return;
      }
    }
    await next();
  });

  app.command(config.command, async ({ command, ack, respond }) => {
    const slow = isSlowRequest(command.text);
    // Acknowledge before any database or API work: Slack gives up after 3 s.
    await ack(slow ? { response_type: 'ephemeral', text: ':hourglass_flowing_sand: Working on it…' } : undefined);
    try {
      const actor = await resolver.resolve({
        userId: command.user_id,
        teamId: command.team_id,
        channelId: command.channel_id,
      });
      const reply = await ask(command.text, actor);
      await respond({
        ...renderBlocks(reply, shareable(reply, actor) ? { shareCommand: command.text } : {}),
        response_type: actor.place === 'dm' ? 'in_channel' : 'ephemeral',
        replace_original: slow,
      });
    } catch (error) {
      await respond({ ...failed(error, 'command'), response_type: 'ephemeral', replace_original: slow }).catch(
        () => {},
      );
    }
  });

  // Direct messages with Tend: answered in the DM (in the thread, when asked in one).
  app.message(async ({ message, body, client }) => {
    const m = message as {
      subtype?: string;
      bot_id?: string;
      channel_type?: string;
      text?: string;
      user?: string;
      user_team?: string;
      channel: string;
      ts: string;
      thread_ts?: string;
    };
    if (m.subtype !== undefined || m.bot_id || m.channel_type !== 'im' || !m.user) return;
    const thread = m.thread_ts ? { thread_ts: m.thread_ts } : {};
    try {
      const speaker: SlackSpeaker = {
        userId: m.user,
        teamId: (body as { team_id: string }).team_id,
        channelId: m.channel,
        isAppDm: true,
        ...(m.user_team ? { userTeamId: m.user_team } : {}),
      };
      const text = m.text ?? '';
      const progress = isSlowRequest(text)
        ? await client.chat.postMessage({
            channel: m.channel,
            text: ':hourglass_flowing_sand: Working on it…',
            ...thread,
          })
        : undefined;
      const reply = await ask(text, await resolver.resolve(speaker));
      if (progress?.ts) await client.chat.update({ channel: m.channel, ts: progress.ts, ...renderBlocks(reply) });
      else await client.chat.postMessage({ channel: m.channel, ...renderBlocks(reply), ...thread });
    } catch (error) {
      await client.chat.postMessage({ channel: m.channel, ...failed(error, 'DM'), ...thread }).catch(() => {});
    }
  });

  // @Tend in a channel: the answer is only for the asker, with a button to share it.
  app.event('app_mention', async ({ event, body, client }) => {
    if (!event.user) return;
    const thread = event.thread_ts ? { thread_ts: event.thread_ts } : {};
    const privately = (content: { text: string; blocks: unknown[] }) =>
      client.chat.postEphemeral({ channel: event.channel, user: event.user!, ...content, ...thread } as Parameters<
        WebClient['chat']['postEphemeral']
      >[0]);
    try {
      const actor = await resolver.resolve({
        userId: event.user,
        teamId: (body as { team_id: string }).team_id,
        channelId: event.channel,
        ...(event.user_team ? { userTeamId: event.user_team } : {}),
      });
      const text = event.text ?? '';
      if (isSlowRequest(text)) await privately({ text: ':hourglass_flowing_sand: Working on it…', blocks: [] });
      const reply = await ask(text, actor);
      await privately(renderBlocks(reply, shareable(reply, actor) ? { shareCommand: text } : {}));
    } catch (error) {
      await privately(failed(error, 'mention')).catch(() => {});
    }
  });

  /** Where a button was pressed: a message (with response_url) or the App Home (without). */
  type ActionBody = {
    user: { id: string; team_id?: string };
    team?: { id: string } | null;
    channel?: { id: string };
    container?: { channel_id?: string; is_ephemeral?: boolean };
    response_url?: string;
    trigger_id: string;
  };
  const speakerOf = (b: ActionBody): SlackSpeaker => {
    const channelId = b.channel?.id ?? b.container?.channel_id;
    return {
      userId: b.user.id,
      teamId: b.team?.id ?? b.user.team_id ?? '',
      ...(b.user.team_id ? { userTeamId: b.user.team_id } : {}),
      ...(channelId ? { channelId } : {}),
    };
  };
  const payloadOf = (value: string | undefined): ButtonPayload | undefined => {
    try {
      const p = JSON.parse(value ?? '') as ButtonPayload;
      return typeof p.command === 'string' ? p : undefined;
    } catch {
      return undefined;
    }
  };

  // A button runs its command as if typed, and answers where it was pressed.
  app.action(new RegExp(`^${actionIds.command}_\\d+$`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const b = body as unknown as ActionBody;
    const payload = payloadOf((action as { value?: string }).value);
    if (!payload) return;
    try {
      const actor = await resolver.resolve(speakerOf(b));
      const reply = await ask(payload.command, actor);
      if (b.response_url)
        await respond({
          ...renderBlocks(reply, shareable(reply, actor) ? { shareCommand: payload.command } : {}),
          response_type: actor.place === 'dm' ? 'in_channel' : 'ephemeral',
          replace_original: false,
        });
      else await client.chat.postMessage({ channel: b.user.id, ...renderBlocks(reply) });
    } catch (error) {
      if (b.response_url) await respond({ ...failed(error, 'button'), replace_original: false }).catch(() => {});
      else log.error({ err: error }, 'Slack home button failed');
    }
  });

  // A form button opens a modal; the submission is handled in slack-form-handlers.
  app.action(new RegExp(`^${actionIds.form}_\\d+$`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const b = body as unknown as ActionBody;
    const payload = payloadOf((action as { value?: string }).value);
    if (!payload?.form) return;
    try {
      const speaker = speakerOf(b);
      // A survey comment is the respondent's own; the use case checks who answers.
      if (payload.form.kind !== 'survey_comment') assertCanWrite(await resolver.resolve(speaker));
      await client.views.open({ trigger_id: b.trigger_id, view: formView(payload.form, speaker.channelId) });
    } catch (error) {
      const content =
        error instanceof AccessDenied ? renderBlocks({ headline: error.message, tone: 'info' }) : failed(error, 'form');
      if (b.response_url) await respond({ ...content, replace_original: false }).catch(() => {});
    }
  });

  // "Share in channel": posts the same answer for everyone and removes the private copy.
  app.action(actionIds.share, async ({ ack, body, action, respond, client }) => {
    await ack();
    const b = body as unknown as ActionBody;
    const command = (action as { value?: string }).value ?? '';
    try {
      const speaker = speakerOf(b);
      const actor = await resolver.resolve(speaker);
      const reply = await ask(command, actor);
      if (!speaker.channelId || !shareable(reply, actor)) {
        await respond({ ...renderBlocks(reply), replace_original: false });
        return;
      }
      const rendered = renderBlocks(reply, { maxBlocks: slackLimits.messageBlocks - 1 });
      await client.chat.postMessage({
        channel: speaker.channelId,
        text: rendered.text,
        blocks: [
          ...rendered.blocks,
          { type: 'context', block_id: 'shared_by', elements: [{ type: 'mrkdwn', text: `Shared by <@${b.user.id}>` }] },
        ],
      });
      await respond({ delete_original: true });
    } catch (error) {
      await respond({ ...failed(error, 'share'), replace_original: false }).catch(() => {});
    }
  });

  registerSlackForms(app, { conversation: deps.conversation, resolver, failed, log });

  // App Home: the person's own book, rebuilt each time they open it.
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    try {
      const actor = await resolver.resolve({ userId: event.user, teamId: (body as { team_id: string }).team_id });
      const reply = await homeReply(deps.conversation, actor);
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: renderBlocks(reply, { maxBlocks: slackLimits.viewBlocks }).blocks },
      });
    } catch (error) {
      failed(error, 'App Home');
    }
  });

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
