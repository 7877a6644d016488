import { TurnContext, type Activity } from 'botbuilder';
import type { PrismaClient } from '../../db/client.js';

/** Whose conversation it is: a client contact's 1:1 chat, an internal user's, or a shared one. */
export type ConversationOwner = { contactId: string; accountId: string } | { userId: string } | Record<string, never>;

/** Keeps where Tend can post later (a conversation reference), keyed by the conversation id. */
export async function storeConversation(
  prisma: PrismaClient,
  activity: Partial<Activity>,
  owner: ConversationOwner,
): Promise<string> {
  const reference = TurnContext.getConversationReference(activity) as object;
  const key = activity.conversation!.id;
  await prisma.conversationReference.upsert({
    where: { channel_key: { channel: 'TEAMS', key } },
    create: { channel: 'TEAMS', key, reference, ...owner },
    update: { reference, ...owner },
  });
  return key;
}
