import type { PrismaClient } from '../../db/client.js';

/** Whose conversation it is: a client contact's 1:1 chat, an internal user's, or a shared one. */
export type ConversationOwner = { contactId: string; accountId: string } | { userId: string } | Record<string, never>;

/** Keeps where Tend can post later (a Teams conversation reference), keyed by the conversation id. */
export async function storeTeamsConversation(
  prisma: PrismaClient,
  key: string,
  reference: object,
  owner: ConversationOwner,
): Promise<void> {
  await prisma.conversationReference.upsert({
    where: { channel_key: { channel: 'TEAMS', key } },
    create: { channel: 'TEAMS', key, reference, ...owner },
    update: { reference, ...owner },
  });
}

/** The stored reference of a Teams conversation, if Tend has one. */
export async function teamsConversation(prisma: PrismaClient, key: string): Promise<object | undefined> {
  const stored = await prisma.conversationReference.findUnique({
    where: { channel_key: { channel: 'TEAMS', key } },
    select: { reference: true },
  });
  return (stored?.reference as object | null) ?? undefined;
}

/** The most recently used Teams conversation references (to learn a tenant's service URL and bot). */
export async function recentTeamsConversations(prisma: PrismaClient, take = 20): Promise<object[]> {
  const known = await prisma.conversationReference.findMany({
    where: { channel: 'TEAMS' },
    orderBy: { updatedAt: 'desc' },
    take,
    select: { reference: true },
  });
  return known.map((k) => k.reference as object);
}

/** The client contact known by this Teams identity, with their latest 1:1 chat with Tend, if any. */
export async function teamsContact(
  prisma: PrismaClient,
  aadObjectId: string,
): Promise<{ id: string; accountId: string; teamsTenantId: string | null; chatKey?: string } | undefined> {
  const contact = await prisma.contact.findFirst({
    where: { teamsAadObjectId: aadObjectId },
    select: { id: true, accountId: true, teamsTenantId: true },
  });
  if (!contact) return undefined;
  const chat = await prisma.conversationReference.findFirst({
    where: { channel: 'TEAMS', contactId: contact.id },
    orderBy: { updatedAt: 'desc' },
    select: { key: true },
  });
  return { ...contact, ...(chat ? { chatKey: chat.key } : {}) };
}

/** An internal user's latest 1:1 chat with Tend in Teams (where files can be offered), if any. */
export async function personalTeamsChat(prisma: PrismaClient, userId: string): Promise<object | undefined> {
  const chat = await prisma.conversationReference.findFirst({
    where: { channel: 'TEAMS', userId },
    orderBy: { updatedAt: 'desc' },
    select: { reference: true },
  });
  return (chat?.reference as object | null) ?? undefined;
}
