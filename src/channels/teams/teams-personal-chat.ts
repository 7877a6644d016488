import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import type { PrismaClient } from '../../db/client.js';

/**
 * Finds or opens the 1:1 chat between Tend and a person, and returns its conversation id. Teams
 * lets a bot open one only when its app is installed for the person (personally, or in a team or
 * chat they belong to); the service URL, tenant and bot identity come from a conversation Tend
 * already has in that tenant, since Teams gives them only on incoming activities.
 */
export async function openPersonalChat(
  deps: { adapter: CloudAdapter; prisma: PrismaClient; appId: string; tenantId?: string },
  aadObjectId: string,
): Promise<string> {
  const { prisma } = deps;
  const contact = await prisma.contact.findFirst({
    where: { teamsAadObjectId: aadObjectId },
    select: { id: true, accountId: true, teamsTenantId: true },
  });
  const user = contact
    ? null
    : await prisma.user.findFirst({
        where: { teamsAadObjectId: aadObjectId },
        select: { id: true, teamsTenantId: true },
      });
  const existing = await prisma.conversationReference.findFirst({
    where: { channel: 'TEAMS', ...(contact ? { contactId: contact.id } : user ? { userId: user.id } : { id: '' }) },
    orderBy: { updatedAt: 'desc' },
    select: { key: true },
  });
  if (existing) return existing.key;

  const known = await prisma.conversationReference.findMany({
    where: { channel: 'TEAMS' },
    orderBy: { updatedAt: 'desc' },
    take: 20,
    select: { reference: true },
  });
  const references = known.map((k) => k.reference as Partial<ConversationReference>);
  const tenantOf = (r: Partial<ConversationReference>) => r.conversation?.tenantId;
  const wanted = contact?.teamsTenantId ?? user?.teamsTenantId ?? deps.tenantId;
  const source =
    references.find((r) => wanted && tenantOf(r) === wanted && r.serviceUrl) ?? references.find((r) => r.serviceUrl);
  if (!source?.serviceUrl)
    throw new Error('Tend has not been reached from Teams yet, so it does not know where to open a chat');
  const tenantId = wanted ?? tenantOf(source);

  let key = '';
  const opening = deps.adapter.createConversationAsync(
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
      const reference = TurnContext.getConversationReference(context.activity);
      key = context.activity.conversation.id;
      const owner = contact ? { contactId: contact.id, accountId: contact.accountId } : user ? { userId: user.id } : {};
      await prisma.conversationReference.upsert({
        where: { channel_key: { channel: 'TEAMS', key } },
        create: { channel: 'TEAMS', key, reference: reference as object, ...owner },
        update: { reference: reference as object, ...owner },
      });
    },
  );
  await opening.catch((error: { statusCode?: number; message?: string }) => {
    throw new Error(
      error.statusCode === 403 || error.statusCode === 404
        ? 'Teams would not open a chat with them; Tend must be installed for them, or in a team they are in'
        : `Teams could not open a chat (${error.statusCode ?? error.message})`,
    );
  });
  return key;
}
