import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { handlePress } from '../../../../conversation/handle-message.js';
import { renderBlocks } from '../../render-blocks.js';
import { failed, shareable, type SlackListenerContext } from '../listener-context.js';
import { payloadOf, speakerOf, type ActionBody } from '../speaker.js';

type Args = Pick<SlackActionMiddlewareArgs, 'ack' | 'body' | 'action' | 'respond'> & { client: WebClient };

/** A button runs the intent it carries, and answers where it was pressed. */
export function runButton(context: SlackListenerContext) {
  return async ({ ack, body, action, respond, client }: Args) => {
    await ack();
    const b = body as unknown as ActionBody;
    const payload = payloadOf((action as { value?: string }).value);
    if (!payload) return;
    try {
      const actor = await context.resolver.resolve(speakerOf(b));
      const origin = { channel: 'slack' as const, actor };
      const reply = await handlePress(context.conversation, payload, origin);
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
      if (b.response_url)
        await respond({ ...failed(context, error, 'button'), replace_original: false }).catch(() => {});
      else context.log.error({ err: error }, 'Slack home button failed');
    }
  };
}
