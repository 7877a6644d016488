import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { startTurn } from '../../../../conversation/handle-message.js';
import { renderBlocks } from '../../render-blocks.js';
import { failed, shareable, workingOnIt, type SlackListenerContext } from '../listener-context.js';

type Args = Pick<SlackCommandMiddlewareArgs, 'command' | 'ack' | 'respond'>;

/** `/tend ...`: answered through response_url, privately unless asked in the person's DM. */
export function tendCommand(context: SlackListenerContext) {
  return async ({ command, ack, respond }: Args) => {
    const turn = startTurn(context.conversation, command.text);
    // Acknowledge before any database or API work: Slack gives up after 3 s.
    await ack(turn.slow ? { response_type: 'ephemeral', text: workingOnIt } : undefined);
    try {
      const actor = await context.resolver.resolve({
        userId: command.user_id,
        teamId: command.team_id,
        channelId: command.channel_id,
      });
      const reply = await turn.reply({ channel: 'slack', actor, conversationKey: command.channel_id });
      const share = shareable(reply, actor)
        ? { shareCommand: command.text, ...(turn.ran ? { shareCall: turn.ran } : {}) }
        : {};
      await respond({
        ...renderBlocks(reply, share),
        response_type: actor.place === 'dm' ? 'in_channel' : 'ephemeral',
        replace_original: turn.slow,
      });
    } catch (error) {
      await respond({
        ...failed(context, error, 'command'),
        response_type: 'ephemeral',
        replace_original: turn.slow,
      }).catch(() => {});
    }
  };
}
