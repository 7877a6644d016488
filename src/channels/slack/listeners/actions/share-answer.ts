import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { handlePress } from '../../../../conversation/handle-message.js';
import { renderBlocks, slackLimits } from '../../render-blocks.js';
import { failed, shareable, type SlackListenerContext } from '../listener-context.js';
import { payloadOf, speakerOf, type ActionBody } from '../speaker.js';

type Args = Pick<SlackActionMiddlewareArgs, 'ack' | 'body' | 'action' | 'respond'> & { client: WebClient };

/**
 * "Share in channel": runs the answer's intent again for the person (their access may have changed),
 * posts it for everyone and removes the private copy.
 */
export function shareAnswer(context: SlackListenerContext) {
  return async ({ ack, body, action, respond, client }: Args) => {
    await ack();
    const b = body as unknown as ActionBody;
    const value = (action as { value?: string }).value ?? '';
    const payload = payloadOf(value);
    try {
      const speaker = speakerOf(b);
      const actor = await context.resolver.resolve(speaker);
      const origin = { channel: 'slack' as const, actor };
      // Answers shared before buttons carried calls hold the typed text as the whole value.
      const reply = await handlePress(context.conversation, payload ?? { command: value }, origin);
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
      await respond({ ...failed(context, error, 'share'), replace_original: false }).catch(() => {});
    }
  };
}
