import { TeamsInfo, type TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { chatActor } from '../../services/chat/chat-people.js';
import type { PlatformStanding } from '../../services/access/identity.js';
import { isAllowedTenant, isPersonalChat, rosterHasOutsiders } from './teams-roster.js';
import type { Database } from '../../services/database.js';
import type { Logger } from '../../logging/logger.js';
import type { Actor } from '../../services/access/actor.js';

/**
 * Maps a Teams sender to a Tend actor through the one identity decision (services/access/identity.ts):
 * client contacts, guests and people from other tenants are external whatever Tend role they hold;
 * then the Tend user with that AAD object id, else the one with the member's email (then linked);
 * other members of the tenant get the default role.
 */
export async function resolveTeamsActor(deps: TeamsActorDeps, context: TurnContext): Promise<Actor> {
  // Survey respondents are known by their AAD object id, which the Bot Framework token vouches for.
  const aad = context.activity.from.aadObjectId;
  return { ...(await resolveWithoutIdentity(deps, context)), ...(aad ? { chatIdentity: aad } : {}) };
}

export interface TeamsActorDeps {
  prisma: Database;
  allowedTenantIds: string[];
  defaultRole: 'viewer' | 'csm' | 'none';
  logger: Logger;
  /** Where each conversation was found to be, briefly, to spare the roster lookups (see placeOf). */
  places?: LRUCache<string, Actor['place']>;
}

/** A cache for `TeamsActorDeps.places`: a minute, so a guest added to a chat is noticed within one. */
export const teamsPlaceCache = () => new LRUCache<string, Actor['place']>({ max: 5_000, ttl: 60_000 });

/**
 * A group chat or channel is shared when anyone in it is outside the account team (see
 * rosterHasOutsiders): then nobody there sees account data, as in a Slack Connect channel. A roster
 * Teams will not give makes the place unverified (fails closed).
 */
async function placeOf(deps: TeamsActorDeps, context: TurnContext): Promise<Actor['place']> {
  const conversation = context.activity.conversation;
  if (isPersonalChat(conversation)) return 'dm';
  // A channel thread's id carries ";messageid=..."; the roster is the channel's.
  const key = conversation.id.split(';')[0]!;
  const cached = deps.places?.get(key);
  if (cached) return cached;
  let place: Actor['place'];
  try {
    place = (await rosterHasOutsiders(deps, context)) ? 'shared_channel' : 'channel';
  } catch (error) {
    deps.logger.info(
      { conversationId: key, error: String(error) },
      'cannot read the members of a Teams conversation; answering without account data',
    );
    return 'unverified';
  }
  deps.places?.set(key, place);
  return place;
}

async function resolveWithoutIdentity(deps: TeamsActorDeps, context: TurnContext): Promise<Actor> {
  const activity = context.activity;
  const tenant =
    activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const allowed = (t: string | undefined) => isAllowedTenant(deps.allowedTenantIds, t);
  if (!allowed(tenant)) return { role: 'none', external: true, place: 'dm' };
  const place = await placeOf(deps, context);
  const aad = activity.from.aadObjectId;
  // Asked of everyone, Tend users too: a guest or a client contact with a Tend role is still outside.
  let member: Awaited<ReturnType<typeof TeamsInfo.getMember>> | undefined;
  let standing: PlatformStanding;
  try {
    member = await TeamsInfo.getMember(context, activity.from.id);
    standing = member?.userRole === 'guest' || (member?.tenantId && !allowed(member.tenantId)) ? 'outsider' : 'member';
  } catch (error) {
    // Fail closed, as Slack does: someone Teams will not describe could be a guest.
    deps.logger.warn({ error: String(error) }, 'could not look up a Teams member; treating them as external');
    standing = 'unknown';
  }
  const email = (member?.email ?? member?.userPrincipalName)?.toLowerCase();
  return chatActor(
    deps.prisma,
    { ...(aad ? { teamsAadObjectId: aad } : {}), ...(email ? { email } : {}), platform: standing },
    {
      ...(aad ? { link: { teamsAadObjectId: aad, teamsTenantId: tenant ?? null } } : {}),
      defaultRole: deps.defaultRole,
      place,
      logger: deps.logger,
    },
  );
}
