import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { roleFromDb, type Actor } from '../access/actor.js';

/** A chat identity: a Slack user id, or a Teams AAD object id. */
export type ChatKey = { slackUserId: string } | { teamsAadObjectId: string };

export type KnownPerson = { kind: 'user'; userId: string; role: Actor['role'] } | { kind: 'contact' } | undefined;

/** The Tend user with this chat identity, else a client contact with it (who stays a client), else nobody. */
export async function knownChatPerson(prisma: PrismaClient, key: ChatKey): Promise<KnownPerson> {
  const user = await prisma.user.findUnique({ where: key, select: { id: true, role: true, active: true } });
  if (user) return { kind: 'user', userId: user.id, role: user.active ? roleFromDb(user.role) : 'none' };
  const contact = await prisma.contact.findFirst({ where: key, select: { id: true } });
  return contact ? { kind: 'contact' } : undefined;
}

/** Whether a client contact has this email (compared without case). */
export async function contactWithEmail(prisma: PrismaClient, email: string): Promise<boolean> {
  const contact = await prisma.contact.findFirst({
    where: { email: email.toLowerCase() },
    select: { id: true },
  });
  return contact !== null;
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

/**
 * The Tend user with the email the chat platform verified, linked to this chat identity the first
 * time; undefined when nobody has the email or it is already linked to someone else's identity.
 */
export async function userByVerifiedEmail(
  prisma: PrismaClient,
  email: string,
  link: { slackUserId: string; slackTeamId: string } | { teamsAadObjectId?: string; teamsTenantId: string | null },
  logger: Logger,
): Promise<{ userId: string; role: Actor['role'] } | undefined> {
  const byEmail = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, active: true, slackUserId: true, teamsAadObjectId: true },
  });
  if (!byEmail) return undefined;
  const slack = 'slackUserId' in link;
  const linked = slack ? byEmail.slackUserId : byEmail.teamsAadObjectId;
  const mine = slack ? link.slackUserId : link.teamsAadObjectId;
  if (linked && linked !== mine) return undefined;
  if (!linked && mine) {
    await prisma.user.update({ where: { id: byEmail.id }, data: link });
    logger.info({ userId: byEmail.id }, `linked a ${slack ? 'Slack' : 'Teams'} user to a Tend user by verified email`);
  }
  return { userId: byEmail.id, role: byEmail.active ? roleFromDb(byEmail.role) : 'none' };
}
