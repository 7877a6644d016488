import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { handlePress } from '../../../../conversation/handle-message.js';
import { firstDelivery } from '../../../../services/chat/deliveries.js';
import { renderBlocks } from '../../render-blocks.js';
import { failed, shareable, type SlackListenerContext } from '../listener-context.js';
import { payloadOf, speakerOf, type ActionBody } from '../speaker.js';

type Args = Pick<SlackActionMiddlewareArgs, 'ack' | 'body' | 'action' | 'respond'> & { client: WebClient };

/** Presses whose effect must be stored before Slack hears "received": a client's survey answer. */
const durableBeforeAck = new Set(['survey_answer']);

/** A button runs the intent it carries, and answers where it was pressed. */
export function runButton(context: SlackListenerContext) {
  return async ({ ack, body, action, respond, client }: Args) => {
    const b = body as unknown as ActionBody;
    const payload = payloadOf((action as { value?: string }).value);
    // Most presses are acknowledged at once (Slack waits 3 s); an answer is stored first, so an
    // acknowledged answer is never lost to a crash between the two.
    const storeFirst = payload?.call !== undefined && durableBeforeAck.has(payload.call.intent);
    let acked = false;
    const ackOnce = async () => {
      if (acked) return;
      acked = true;
      await ack();
    };
    if (!storeFirst) await ackOnce();
    if (!payload) return;
    // A replayed press (same trigger id) does nothing twice.
    if (!(await firstDelivery(context.conversation.prisma, `slack:action:${b.trigger_id}`))) {
      await ackOnce();
      return;
    }
    try {
      const actor = await context.resolver.resolve(speakerOf(b));
      const origin = { channel: 'slack' as const, actor };
      const reply = await handlePress(context.conversation, payload, origin);
      await ackOnce();
      const share = shareable(reply, actor)
        ? { shareCommand: payload.command, ...(payload.call ? { shareCall: payload.call } : {}) }
        : {};
      if (b.response_url)
        await respond({
          ...renderBlocks(reply, share),
          response_type: actor.place === 'dm' ? 'in_channel' : 'ephemeral',
          replace_original: false,
        });
      else await client.chat.postMessage({ channel: b.user.id, ...renderBlocks(reply) });
    } catch (error) {
      await ackOnce().catch(() => {});
      if (b.response_url)
        await respond({ ...failed(context, error, 'button'), replace_original: false }).catch(() => {});
      else context.log.error({ err: error }, 'Slack home button failed');
    }
  };
}
