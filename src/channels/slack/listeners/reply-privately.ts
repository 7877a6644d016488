import type { WebClient } from '@slack/web-api';
import type { Rendered } from './listener-context.js';

/** Only the person sees it: ephemeral in the channel a form came from, else in their DM with Tend. */
export function replyPrivately(
  client: WebClient,
  channelId: string | undefined,
  userId: string,
  content: Rendered,
): Promise<unknown> {
  return channelId && !channelId.startsWith('D')
    ? client.chat.postEphemeral({ channel: channelId, user: userId, ...content })
    : client.chat.postMessage({ channel: userId, ...content });
}
