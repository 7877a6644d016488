import { Assistant, type AssistantConfig } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { focusOnAccountNamed } from '../../../../conversation/focus-on-account.js';
import { startTurn } from '../../../../conversation/handle-message.js';
import { suggestedPrompts, workingStatus } from '../../../../conversation/suggested-prompts.js';
import type { IntentCall } from '../../../../replies/reply.js';
import { AccessDenied, assertCanRead, type Actor } from '../../../../services/access/actor.js';
import { postChart } from '../../post-chart.js';
import { postFile } from '../../post-file.js';
import { renderBlocks } from '../../render-blocks.js';
import { replyMarkdownParts } from '../../../../replies/reply-markdown.js';
import { failed, type SlackListenerContext } from '../listener-context.js';

/** The feedback buttons under a streamed answer: they name the intent that answered. */
export const feedbackActionIds = { helpful: 'tend_feedback_helpful', notHelpful: 'tend_feedback_not_helpful' } as const;

function feedbackBlocks(call: IntentCall | undefined) {
  const value = JSON.stringify({ intent: call?.intent ?? 'unknown' });
  return [
    {
      type: 'actions' as const,
      block_id: 'tend_feedback',
      elements: [
        {
          type: 'button' as const,
          action_id: feedbackActionIds.helpful,
          text: { type: 'plain_text' as const, text: '👍 Helpful' },
          value,
        },
        {
          type: 'button' as const,
          action_id: feedbackActionIds.notHelpful,
          text: { type: 'plain_text' as const, text: '👎 Not helpful' },
          value,
        },
      ],
    },
  ];
}

/** Slack's thread context: the channel the person was viewing when they opened or moved the thread. */
interface AssistantThreadContext {
  channel_id?: string;
  team_id?: string;
  enterprise_id?: string | null;
}

type ThreadEvent = {
  assistant_thread: { user_id: string; channel_id: string; thread_ts: string; context?: AssistantThreadContext };
};

/**
 * Tend in Slack's agent view (the app's Messages tab as an assistant): a greeting with prompts from
 * the person's own book, a status while it works, answers streamed into the thread part by part,
 * and the thread's subject kept for follow-ups. The channel in view becomes the thread's subject in
 * the conversation memory (the database), so any replica answers the thread the same way.
 */
export function tendAssistant(context: SlackListenerContext): Assistant {
  const deps = context.conversation;
  const keyOf = (channel: string, threadTs: string) => `${channel}:${threadTs}`;

  /** With the channel in view named like an account, that account is the thread's subject. */
  async function focus(
    client: WebClient,
    where: { channel: string; threadTs: string; person: string },
    ctx: AssistantThreadContext,
  ) {
    if (!ctx.channel_id) return;
    const info = await client.conversations.info({ channel: ctx.channel_id }).catch(() => undefined);
    const name = (info?.channel as { name?: string } | undefined)?.name;
    if (name)
      await focusOnAccountNamed(
        deps,
        { channel: 'slack', conversationKey: keyOf(where.channel, where.threadTs), person: where.person },
        name,
      );
  }

  const threadStarted: AssistantConfig['threadStarted'] = async ({ event, body, client, setSuggestedPrompts }) => {
    const thread = (event as unknown as ThreadEvent).assistant_thread;
    const teamId = (body as { team_id: string }).team_id;
    try {
      const actor: Actor = await context.resolver.resolve({
        userId: thread.user_id,
        teamId,
        channelId: thread.channel_id,
        isAppDm: true,
      });
      try {
        assertCanRead(actor);
      } catch (error) {
        if (!(error instanceof AccessDenied)) throw error;
        await client.chat.postMessage({ channel: thread.channel_id, thread_ts: thread.thread_ts, text: error.message });
        return;
      }
      await focus(
        client,
        { channel: thread.channel_id, threadTs: thread.thread_ts, person: thread.user_id },
        thread.context ?? {},
      );
      await client.chat.postMessage({
        channel: thread.channel_id,
        thread_ts: thread.thread_ts,
        text: 'Hi, I am Tend. Ask me how an account is doing, why it moved, or what renews soon.',
      });
      const prompts = await suggestedPrompts(deps, actor);
      await setSuggestedPrompts({ title: 'Try asking', prompts });
    } catch (error) {
      failed(context, error, 'assistant thread start');
    }
  };

  const threadContextChanged: AssistantConfig['threadContextChanged'] = async ({ event, client }) => {
    const thread = (event as unknown as ThreadEvent).assistant_thread;
    try {
      await focus(
        client,
        { channel: thread.channel_id, threadTs: thread.thread_ts, person: thread.user_id },
        thread.context ?? {},
      );
    } catch (error) {
      failed(context, error, 'assistant context change');
    }
  };

  const userMessage: AssistantConfig['userMessage'] = async ({ message, body, client, setStatus }) => {
    const m = message as {
      channel: string;
      thread_ts?: string;
      user?: string;
      user_team?: string;
      text?: string;
      bot_id?: string;
    };
    if (!m.user || m.bot_id || !m.thread_ts) return;
    const threadTs = m.thread_ts;
    const teamId = (body as { team_id: string }).team_id;
    try {
      const actor = await context.resolver.resolve({
        userId: m.user,
        teamId,
        channelId: m.channel,
        isAppDm: true,
        ...(m.user_team ? { userTeamId: m.user_team } : {}),
      });
      const turn = startTurn(deps, m.text ?? '');
      await setStatus(await workingStatus(deps, actor, turn.slow).catch(() => 'is looking it up…'));
      const reply = await turn.reply({ channel: 'slack', actor, conversationKey: keyOf(m.channel, threadTs) });
      if (reply.tone !== 'error') {
        // In the agent view every answer streams, part by part, and closes with the feedback buttons.
        const streamer = client.chatStream({
          // Each part is sent as soon as it is ready, not held back to fill a buffer.
          buffer_size: 1,
          channel: m.channel,
          thread_ts: threadTs,
          recipient_team_id: teamId,
          recipient_user_id: m.user,
        });
        for (const part of replyMarkdownParts(reply)) await streamer.append({ markdown_text: part });
        // Only an answer can be rated: a refusal (a guest, someone outside the team) carries no buttons.
        await streamer.stop(actor.external || !turn.ran ? {} : { blocks: feedbackBlocks(turn.ran) });
      } else await client.chat.postMessage({ channel: m.channel, thread_ts: threadTs, ...renderBlocks(reply) });
      await postChart(client, { channel: m.channel, threadTs }, reply, context.log);
      await postFile(client, m.user, reply, context.log);
    } catch (error) {
      await client.chat
        .postMessage({ channel: m.channel, thread_ts: threadTs, ...failed(context, error, 'assistant message') })
        .catch(() => {});
    }
  };

  // No thread context store of Tend's own: Bolt's default one is read only by `say`, which Tend does
  // not use; the subject lives in the conversation memory.
  return new Assistant({ threadStarted, threadContextChanged, userMessage });
}
