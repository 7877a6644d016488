import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { roleFromDb, type Actor } from '../../services/access/actor.js';

/**
 * Maps a Teams sender to a Tend actor: the Tend user with that AAD object id, else the one with the
 * member's email (then linked); other members of the tenant get the default role; client contacts,
 * guests and people from other tenants are external.
 */
export async function resolveTeamsActor(
  deps: { prisma: PrismaClient; tenantId?: string; defaultRole: 'viewer' | 'csm' | 'none'; logger: Logger },
  context: TurnContext,
): Promise<Actor> {
  // Survey respondents are known by their AAD object id, which the Bot Framework token vouches for.
  const aad = context.activity.from.aadObjectId;
  return { ...(await resolveWithoutIdentity(deps, context)), ...(aad ? { chatIdentity: aad } : {}) };
}

async function resolveWithoutIdentity(
  deps: { prisma: PrismaClient; tenantId?: string; defaultRole: 'viewer' | 'csm' | 'none'; logger: Logger },
  context: TurnContext,
): Promise<Actor> {
  const activity = context.activity;
  const type = activity.conversation.conversationType;
  const place: Actor['place'] = type === 'personal' || !type ? 'dm' : 'channel';
  const tenant =
    activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (deps.tenantId && tenant !== deps.tenantId) return { role: 'none', external: true, place };
  const aad = activity.from.aadObjectId;
  if (aad) {
    const known = await deps.prisma.user.findUnique({
      where: { teamsAadObjectId: aad },
      select: { id: true, role: true, active: true },
    });
    if (known)
      return { userId: known.id, role: known.active ? roleFromDb(known.role) : 'none', external: false, place };
    // A client contact stays a client even when they are a member of this tenant.
    const contact = await deps.prisma.contact.findFirst({ where: { teamsAadObjectId: aad }, select: { id: true } });
    if (contact) return { role: 'none', external: true, place };
  }
  let member: Awaited<ReturnType<typeof TeamsInfo.getMember>> | undefined;
  try {
    member = await TeamsInfo.getMember(context, activity.from.id);
  } catch (error) {
    deps.logger.info({ error: String(error) }, 'could not look up a Teams member; using the default role');
  }
  if (member?.userRole === 'guest' || (member?.tenantId && deps.tenantId && member.tenantId !== deps.tenantId))
    return { role: 'none', external: true, place };
  const email = (member?.email ?? member?.userPrincipalName)?.toLowerCase();
  if (email) {
    const byEmail = await deps.prisma.user.findUnique({
      where: { email },
      select: { id: true, role: true, active: true, teamsAadObjectId: true },
    });
    if (byEmail && (!byEmail.teamsAadObjectId || byEmail.teamsAadObjectId === aad)) {
      if (!byEmail.teamsAadObjectId && aad)
        await deps.prisma.user.update({
          where: { id: byEmail.id },
          data: { teamsAadObjectId: aad, teamsTenantId: tenant ?? null },
        });
      return { userId: byEmail.id, role: byEmail.active ? roleFromDb(byEmail.role) : 'none', external: false, place };
    }
  }
  return { role: deps.defaultRole, external: false, place };
}
