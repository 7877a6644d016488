import type { WebClient } from '@slack/web-api';
import { UndeliverableError, type AlertNotifier } from '../../services/alerts/alert-notifier.js';
import { renderBlocks } from './render-blocks.js';

/**
 * Whether a person is in a channel, read page by page; undefined when Slack will not say (a private
 * channel Tend is not in): posting then decides.
 */
async function isChannelMember(client: WebClient, channel: string, user: string): Promise<boolean | undefined> {
  try {
    for await (const page of client.paginate('conversations.members', { channel, limit: 500 })) {
      if (((page as { members?: string[] }).members ?? []).includes(user)) return true;
    }
    return false;
  } catch {
    return undefined;
  }
}

/** Alerts in Slack: posted to a channel or a person's DM (a user id opens it), updated in place. */
export function slackAlertNotifier(client: WebClient): AlertNotifier {
  return {
    channel: 'SLACK',
    async send(destination, reply) {
      // A message addressed to one person in a channel (a survey) is useless if they are not there.
      if (
        reply.addressee &&
        /^[CG]/.test(destination) &&
        (await isChannelMember(client, destination, reply.addressee)) === false
      )
        throw new UndeliverableError(
          'they are not a member of that channel; invite them, or send it to their DM without "in <channel>"',
        );
      const posted = await client.chat.postMessage({ channel: destination, ...renderBlocks(reply) });
      return { conversation: posted.channel ?? destination, ref: posted.ts! };
    },
    async update(conversation, ref, reply) {
      await client.chat.update({ channel: conversation, ts: ref, ...renderBlocks(reply) });
    },
  };
}
