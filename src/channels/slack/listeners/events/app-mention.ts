import { enterpriseOf } from '../speaker.js';
import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { startTurn } from '../../../../conversation/handle-message.js';
import { postFile } from '../../post-file.js';
import { renderBlocks } from '../../render-blocks.js';
import { failed, shareable, workingOnIt, type SlackListenerContext } from '../listener-context.js';

type Args = Pick<SlackEventMiddlewareArgs<'app_mention'>, 'event' | 'body'> & { client: WebClient };

/** @Tend in a channel: the answer is only for the asker, with a button to share it. */
export function appMention(context: SlackListenerContext) {
  return async ({ event, body, client }: Args) => {
    if (!event.user) return;
    const user = event.user;
    const thread = event.thread_ts ? { thread_ts: event.thread_ts } : {};
    const privately = (content: { text: string; blocks: unknown[] }) =>
      client.chat.postEphemeral({ channel: event.channel, user, ...content, ...thread } as Parameters<
        WebClient['chat']['postEphemeral']
      >[0]);
    try {
      const actor = await context.resolver.resolve({
        userId: user,
        teamId: (body as { team_id: string }).team_id,
        ...enterpriseOf(body),
        channelId: event.channel,
        ...(event.user_team ? { userTeamId: event.user_team } : {}),
      });
      const text = event.text ?? '';
      const turn = startTurn(context.conversation, text);
      if (turn.slow) await privately({ text: workingOnIt, blocks: [] });
      const reply = await turn.reply({
        channel: 'slack',
        actor,
        conversationKey: event.thread_ts ? `${event.channel}:${event.thread_ts}` : event.channel,
      });
      const share = shareable(reply, actor) ? { shareCommand: text, ...(turn.ran ? { shareCall: turn.ran } : {}) } : {};
      await privately(renderBlocks(reply, share));
      await postFile(client, user, reply, context.log);
    } catch (error) {
      await privately(failed(context, error, 'mention')).catch(() => {});
    }
  };
}
