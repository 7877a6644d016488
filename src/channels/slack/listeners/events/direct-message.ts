import { enterpriseOf } from '../speaker.js';
import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { startTurn } from '../../../../conversation/handle-message.js';
import { postChart } from '../../post-chart.js';
import { postFile } from '../../post-file.js';
import { renderBlocks } from '../../render-blocks.js';
import type { SlackSpeaker } from '../../slack-actor.js';
import { failed, workingOnIt, type SlackListenerContext } from '../listener-context.js';

type Args = Pick<SlackEventMiddlewareArgs<'message'>, 'message' | 'body'> & { client: WebClient };

/** Direct messages with Tend: answered in the DM (in the thread, when asked in one). */
export function directMessage(context: SlackListenerContext) {
  return async ({ message, body, client }: Args) => {
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
    let progress: { ts?: string } | undefined;
    try {
      const speaker: SlackSpeaker = {
        userId: m.user,
        teamId: (body as { team_id: string }).team_id,
        ...enterpriseOf(body),
        channelId: m.channel,
        isAppDm: true,
        ...(m.user_team ? { userTeamId: m.user_team } : {}),
      };
      const turn = startTurn(context.conversation, m.text ?? '');
      progress = turn.slow
        ? await client.chat.postMessage({ channel: m.channel, text: workingOnIt, ...thread })
        : undefined;
      const reply = await turn.reply({
        channel: 'slack',
        actor: await context.resolver.resolve(speaker),
        // A thread is its own conversation: "and why?" there follows that thread's last answer.
        conversationKey: m.thread_ts ? `${m.channel}:${m.thread_ts}` : m.channel,
      });
      if (progress?.ts) await client.chat.update({ channel: m.channel, ts: progress.ts, ...renderBlocks(reply) });
      else await client.chat.postMessage({ channel: m.channel, ...renderBlocks(reply), ...thread });
      await postChart(
        client,
        { channel: m.channel, ...(m.thread_ts ? { threadTs: m.thread_ts } : {}) },
        reply,
        context.log,
      );
      await postFile(client, m.user, reply, context.log);
    } catch (error) {
      // The failure replaces "Working on it" when that was posted, so it does not hang there.
      const failure = failed(context, error, 'DM');
      await (
        progress?.ts
          ? client.chat.update({ channel: m.channel, ts: progress.ts, ...failure })
          : client.chat.postMessage({ channel: m.channel, ...failure, ...thread })
      ).catch(() => {});
    }
  };
}
