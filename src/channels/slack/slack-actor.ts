import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import { chatActor } from '../../services/chat/chat-people.js';
import { slackStanding, type SlackUserFacts } from './slack-person.js';
import type { Database } from '../../services/database.js';
import type { Logger } from '../../logging/logger.js';
import type { Actor } from '../../services/access/actor.js';

/** Who spoke, where, as a Slack payload tells it. */
export interface SlackSpeaker {
  userId: string;
  /** The workspace the app is installed in (the payload's team). */
  teamId: string;
  /** The speaker's own workspace, when the payload says (events: `user_team`). */
  userTeamId?: string;
  /** The Enterprise Grid organisation the app is installed in, when the payload names one. */
  enterpriseId?: string;
  /** The conversation; absent for App Home and modals opened from it, which only the person sees. */
  channelId?: string;
  /** The payload already says it is the person's DM with Tend (message.im events). */
  isAppDm?: boolean;
}

export interface SlackActorResolver {
  resolve(speaker: SlackSpeaker): Promise<Actor>;
}

/**
 * Maps Slack people to Tend actors through the one identity decision (services/access/identity.ts):
 * a client contact, a guest or a Slack Connect user is external whatever Tend role they hold; then a
 * Tend user by Slack id, else by the email Slack verified (then linked); other workspace members get
 * the default role. Anyone in a channel shared with another organisation sees no account data.
 * Slack lookups are cached briefly to spare rate limits; contacts, users and roles are read from the
 * database every time.
 */
export function createSlackActorResolver(deps: {
  prisma: Database;
  client: WebClient;
  defaultRole: 'viewer' | 'csm' | 'none';
  logger: Logger;
}): SlackActorResolver {
  const users = new LRUCache<string, SlackUserFacts>({ max: 5_000, ttl: 5 * 60_000 });
  const channels = new LRUCache<string, Actor['place']>({ max: 5_000, ttl: 60_000 });

  async function userFacts(userId: string, teamId: string, enterpriseId?: string): Promise<SlackUserFacts> {
    const key = `${userId}:${teamId}:${enterpriseId ?? ''}`;
    const cached = users.get(key);
    if (cached) return cached;
    const facts = await slackStanding(deps.client, userId, { teamId, ...(enterpriseId ? { enterpriseId } : {}) });
    if (facts.standing === 'unknown') {
      // Someone Slack will not describe is treated as an outsider (not cached: it may be transient).
      deps.logger.warn({ userId, error: facts.error }, 'cannot look up a Slack user; treating them as external');
      return facts;
    }
    users.set(key, facts);
    return facts;
  }

  async function placeOf(speaker: SlackSpeaker): Promise<Actor['place']> {
    if (speaker.isAppDm || !speaker.channelId) return 'dm';
    const channelId = speaker.channelId;
    let place = channels.get(channelId);
    if (!place) {
      try {
        const c = (await deps.client.conversations.info({ channel: channelId })).channel;
        if (c?.is_ext_shared === true || c?.is_pending_ext_shared === true) place = 'shared_channel';
        // A DM is Tend's own only when it is between Tend and this person.
        else if (c?.is_im === true) place = (c as { user?: string }).user === speaker.userId ? 'dm' : 'channel';
        else place = 'channel';
      } catch (error) {
        // A private channel or someone else's DM that Tend is not part of: it cannot tell who reads.
        deps.logger.info(
          { channelId, error: String(error) },
          'cannot inspect a conversation; answering without account data',
        );
        place = 'unverified';
      }
      channels.set(channelId, place);
    }
    return place;
  }

  return {
    async resolve(speaker) {
      return {
        ...(await resolveWithoutIdentity(speaker)),
        chatIdentity: speaker.userId,
        ...(speaker.channelId ? { conversationId: speaker.channelId } : {}),
      };
    },
  };

  async function resolveWithoutIdentity(speaker: SlackSpeaker): Promise<Actor> {
    const place = await placeOf(speaker);
    if (speaker.userTeamId && speaker.userTeamId !== speaker.teamId) return { role: 'none', external: true, place };
    // Asked of everyone, Tend users too: a guest or a client contact with a Tend role is still outside.
    const facts = await userFacts(speaker.userId, speaker.teamId, speaker.enterpriseId);
    return chatActor(
      deps.prisma,
      { slackUserId: speaker.userId, ...(facts.email ? { email: facts.email } : {}), platform: facts.standing },
      {
        link: { slackUserId: speaker.userId, slackTeamId: speaker.teamId },
        defaultRole: deps.defaultRole,
        place,
        logger: deps.logger,
      },
    );
  }
}
