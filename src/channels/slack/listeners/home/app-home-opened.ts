import { enterpriseOf } from '../speaker.js';
import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { homeReply } from '../../../../conversation/home-reply.js';
import { renderBlocks, slackLimits } from '../../render-blocks.js';
import { failed, type SlackListenerContext } from '../listener-context.js';

type Args = Pick<SlackEventMiddlewareArgs<'app_home_opened'>, 'event' | 'body'> & { client: WebClient };

/** App Home: the person's own book, rebuilt each time they open it. */
export function appHomeOpened(context: SlackListenerContext) {
  return async ({ event, body, client }: Args) => {
    if (event.tab !== 'home') return;
    try {
      const actor = await context.resolver.resolve({
        userId: event.user,
        teamId: (body as { team_id: string }).team_id,
        ...enterpriseOf(body),
      });
      const reply = await homeReply(context.conversation, actor);
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: renderBlocks(reply, { maxBlocks: slackLimits.viewBlocks }).blocks },
      });
    } catch (error) {
      failed(context, error, 'App Home');
    }
  };
}
