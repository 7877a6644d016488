import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { recordAnswerFeedback } from '../../../../services/chat/answer-feedback.js';
import { feedbackActionIds } from '../assistant/tend-assistant.js';
import type { SlackListenerContext } from '../listener-context.js';

type Args = Pick<SlackActionMiddlewareArgs, 'ack' | 'body' | 'action'> & { client: WebClient };

/** Helpful / not helpful under a streamed answer: stored once per person and answer, thanked privately. */
export function recordFeedback(context: SlackListenerContext) {
  return async ({ ack, body, action, client }: Args) => {
    await ack();
    const b = body as unknown as {
      user: { id: string };
      channel?: { id: string };
      container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
      message?: { ts?: string; thread_ts?: string };
    };
    const a = action as { action_id: string; value?: string };
    const channel = b.channel?.id ?? b.container?.channel_id;
    const messageTs = b.message?.ts ?? b.container?.message_ts;
    if (!channel || !messageTs) return;
    let intent = 'unknown';
    try {
      intent = String((JSON.parse(a.value ?? '{}') as { intent?: string }).intent ?? 'unknown').slice(0, 60);
    } catch {
      /* a button from elsewhere: counted as unknown */
    }
    try {
      await recordAnswerFeedback(context.conversation.prisma, {
        intent,
        helpful: a.action_id === feedbackActionIds.helpful,
        voter: b.user.id,
        channel,
        messageTs,
      });
      const thread = b.message?.thread_ts ?? b.container?.thread_ts;
      await client.chat.postEphemeral({
        channel,
        user: b.user.id,
        text: 'Thanks, noted.',
        ...(thread ? { thread_ts: thread } : {}),
      });
    } catch (error) {
      context.log.error({ err: error }, 'could not record answer feedback');
    }
  };
}
