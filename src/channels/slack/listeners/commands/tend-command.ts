import { enterpriseOf } from '../speaker.js';
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { startTurn } from '../../../../conversation/handle-message.js';
import { firstDelivery } from '../../../../services/chat/deliveries.js';
import { postChart } from '../../post-chart.js';
import { postFile } from '../../post-file.js';
import { renderBlocks } from '../../render-blocks.js';
import { failed, shareable, workingOnIt, type SlackListenerContext } from '../listener-context.js';

type Args = Pick<SlackCommandMiddlewareArgs, 'command' | 'ack' | 'respond'> & { client: WebClient };

/** `/tend ...`: answered through response_url, privately unless asked in the person's DM (with its chart there). */
export function tendCommand(context: SlackListenerContext) {
  return async ({ command, ack, respond, client }: Args) => {
    const turn = startTurn(context.conversation, command.text);
    // Acknowledge before any database or API work: Slack gives up after 3 s.
    await ack(turn.slow ? { response_type: 'ephemeral', text: workingOnIt } : undefined);
    try {
      // A signed request replayed within Slack's five minutes carries the same trigger id: run it once.
      if (!(await firstDelivery(context.conversation.prisma, `slack:command:${command.trigger_id}`))) return;
      const actor = await context.resolver.resolve({
        userId: command.user_id,
        teamId: command.team_id,
        ...enterpriseOf(command),
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
      // In the person's DM with Tend the chart follows the answer; elsewhere the answer is private
      // (ephemeral) and a file would not be.
      if (actor.place === 'dm') await postChart(client, { channel: command.channel_id }, reply, context.log);
      await postFile(client, command.user_id, reply, context.log);
    } catch (error) {
      await respond({
        ...failed(context, error, 'command'),
        response_type: 'ephemeral',
        replace_original: turn.slow,
      }).catch(() => {});
    }
  };
}
