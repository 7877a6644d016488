import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { recentTeamsConversations, teamsContact } from '../../services/chat/conversation-references.js';
import type { Database } from '../../services/database.js';
import { storeConversation } from './store-conversation.js';

/**
 * Finds or opens the 1:1 chat between Tend and a client contact, and returns its conversation id.
 * Teams lets a bot open one only when its app is installed for the person (personally, or in a team
 * or chat they belong to); the service URL, tenant and bot identity come from a conversation Tend
 * already has in that tenant, since Teams gives them only on incoming activities.
 */
export async function openPersonalChat(
  deps: { adapter: CloudAdapter; prisma: Database; appId: string; tenantId?: string },
  aadObjectId: string,
): Promise<string> {
  const { prisma } = deps;
  const contact = await teamsContact(prisma, aadObjectId);
  if (!contact) throw new Error('no client contact has that Teams identity');
  // The contact may have written to Tend since the survey was prepared.
  if (contact.chatKey) return contact.chatKey;

  const references = (await recentTeamsConversations(prisma)) as Partial<ConversationReference>[];
  const tenantOf = (r: Partial<ConversationReference>) => r.conversation?.tenantId;
  const wanted = contact.teamsTenantId ?? deps.tenantId;
  const source =
    references.find((r) => wanted && tenantOf(r) === wanted && r.serviceUrl) ?? references.find((r) => r.serviceUrl);
  if (!source?.serviceUrl)
    throw new Error('Tend has not been reached from Teams yet, so it does not know where to open a chat');
  const tenantId = wanted ?? tenantOf(source);

  let key = '';
  await deps.adapter
    .createConversationAsync(
      deps.appId,
      source.channelId ?? 'msteams',
      source.serviceUrl,
      '',
      {
        isGroup: false,
        bot: source.bot!,
        members: [{ id: aadObjectId, name: '' }],
        ...(tenantId ? { tenantId } : {}),
        channelData: tenantId ? { tenant: { id: tenantId } } : {},
      },
      async (context) => {
        key = await storeConversation(prisma, context.activity, {
          contactId: contact.id,
          accountId: contact.accountId,
        });
      },
    )
    .catch((error: { statusCode?: number; message?: string }) => {
      throw new Error(
        error.statusCode === 403 || error.statusCode === 404
          ? 'Teams would not open a chat with them; Tend must be installed for them, or in a team they are in'
          : `Teams could not open a chat (${error.statusCode ?? error.message})`,
      );
    });
  return key;
}
