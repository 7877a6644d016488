import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import type { Actor } from '../access/actor.js';
import { resolvePerson, type PersonClaim } from '../access/identity.js';

/** Where a chat identity is linked to a Tend user found by the email the platform verified. */
export type ChatLink =
  { slackUserId: string; slackTeamId: string } | { teamsAadObjectId: string; teamsTenantId: string | null };

/**
 * The actor a chat speaker is, through the one identity decision (resolvePerson): a client contact
 * or an outsider is external whatever Tend role they hold; a Tend user found by verified email is
 * linked to this chat identity the first time; another member gets the default role.
 */
export async function chatActor(
  prisma: PrismaClient,
  claim: PersonClaim,
  options: { link?: ChatLink; defaultRole: Actor['role']; place: Actor['place']; logger: Logger },
): Promise<Actor> {
  const person = await resolvePerson(prisma, claim);
  const place = options.place;
  if (person.kind === 'client' || person.kind === 'outsider') return { role: 'none', external: true, place };
  if (person.kind === 'member') return { role: options.defaultRole, external: false, place };
  if (person.linkable && options.link) {
    const slack = 'slackUserId' in options.link;
    await prisma.user.update({ where: { id: person.userId }, data: options.link });
    options.logger.info(
      { userId: person.userId },
      `linked a ${slack ? 'Slack' : 'Teams'} user to a Tend user by verified email`,
    );
  }
  return { userId: person.userId, role: person.role, external: false, place };
}

/** Whether any of these people is a client contact, by chat identity or email (a shared conversation). */
export async function anyClientContact(
  prisma: PrismaClient,
  people: { teamsAadObjectIds?: string[]; slackUserIds?: string[]; emails?: string[] },
): Promise<boolean> {
  const or = [
    ...(people.teamsAadObjectIds?.length ? [{ teamsAadObjectId: { in: people.teamsAadObjectIds } }] : []),
    ...(people.slackUserIds?.length ? [{ slackUserId: { in: people.slackUserIds } }] : []),
    ...(people.emails?.length ? [{ email: { in: people.emails.map((e) => e.toLowerCase()) } }] : []),
  ];
  if (!or.length) return false;
  return (await prisma.contact.findFirst({ where: { OR: or }, select: { id: true } })) !== null;
}
