import { TurnContext, type Activity } from 'botbuilder';
import type { Database } from '../../services/database.js';
import { storeTeamsConversation, type ConversationOwner } from '../../services/chat/conversation-references.js';

export type { ConversationOwner };

/** Keeps where Tend can post later (the activity's conversation reference); returns the conversation id. */
export async function storeConversation(
  prisma: Database,
  activity: Partial<Activity>,
  owner: ConversationOwner,
): Promise<string> {
  const key = activity.conversation!.id;
  await storeTeamsConversation(prisma, key, TurnContext.getConversationReference(activity) as object, owner);
  return key;
}
