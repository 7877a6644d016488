import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { PlatformStanding } from '../../services/access/identity.js';
import {
  SharedConversationError,
  UndeliverableError,
  type AlertNotifier,
} from '../../services/alerts/alert-notifier.js';
import { renderBlocks } from './render-blocks.js';
import { slackStanding } from './slack-person.js';

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

/**
 * Refuses to put internal content (alerts, digests, notices: anything not addressed to one client
 * contact) in a channel shared with another organisation, or pending such sharing. Asked before every
 * post and update, because a channel can be shared after it was configured. When Slack will not say,
 * Tend cannot know who reads the channel, so it does not post (fails closed).
 */
async function ensureNotShared(client: WebClient, channel: string, addressee: string | undefined): Promise<void> {
  // A person's id (U, W) or Tend's own DM with them (D) is private; anything else is asked about.
  if (addressee !== undefined || /^[UWD][A-Z0-9]+$/.test(channel)) return;
  let info;
  try {
    info = (await client.conversations.info({ channel })).channel;
  } catch (error) {
    throw new UndeliverableError(
      `Tend cannot tell whether channel ${channel} is shared with another organisation (${(error as { data?: { error?: string } }).data?.error ?? String(error)}), so it posts no account data there; invite Tend to the channel or choose another one`,
    );
  }
  if (info?.is_ext_shared === true || info?.is_pending_ext_shared === true)
    throw new SharedConversationError(channel, info.name);
}

/** Alerts in Slack: posted to a channel or a person's DM (a user id opens it), updated in place. */
export function slackAlertNotifier(client: WebClient): AlertNotifier {
  // A reminder pass asks about every assignee: Slack's answer is kept briefly (a failure is not).
  const standings = new LRUCache<string, PlatformStanding>({ max: 5_000, ttl: 5 * 60_000 });
  return {
    channel: 'SLACK',
    async send(destination, reply) {
      await ensureNotShared(client, destination, reply.addressee);
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
    async check(destination) {
      await ensureNotShared(client, destination, undefined);
    },
    async standing(person) {
      const cached = standings.get(person);
      if (cached) return cached;
      const { standing } = await slackStanding(client, person);
      if (standing !== 'unknown') standings.set(person, standing);
      return standing;
    },
    async update(conversation, ref, reply) {
      await ensureNotShared(client, conversation, reply.addressee);
      await client.chat.update({ channel: conversation, ts: ref, ...renderBlocks(reply) });
    },
  };
}
