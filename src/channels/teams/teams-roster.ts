import { TeamsInfo, type TurnContext } from 'botbuilder';
import { anyClientContact } from '../../services/chat/chat-people.js';
import type { Database } from '../../services/database.js';

export const isAllowedTenant = (allowedTenantIds: string[], tenant: string | undefined) =>
  !allowedTenantIds.length || (!!tenant && allowedTenantIds.includes(tenant));

/**
 * A 1:1 chat with Tend. One that Tend opened itself carries no conversation type; Teams always types
 * group chats and channels, so an untyped conversation is personal.
 */
export const isPersonalChat = (conversation: { conversationType?: string }) =>
  conversation.conversationType === 'personal' || !conversation.conversationType;

/**
 * Whether a group chat or channel has anyone outside the account team in it: a guest, someone from
 * a tenant not allowed, or a client contact (by AAD object id or email). Reads the whole roster, page
 * by page; throws when Teams will not give it, so callers fail closed.
 */
export async function rosterHasOutsiders(
  deps: { prisma: Database; allowedTenantIds: string[] },
  context: TurnContext,
): Promise<boolean> {
  const aadIds: string[] = [];
  const emails: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    for (const m of page.members) {
      if (m.userRole === 'guest' || (m.tenantId && !isAllowedTenant(deps.allowedTenantIds, m.tenantId))) return true;
      if (m.aadObjectId) aadIds.push(m.aadObjectId);
      const email = (m.email ?? m.userPrincipalName)?.toLowerCase();
      if (email) emails.push(email);
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return anyClientContact(deps.prisma, { teamsAadObjectIds: aadIds, emails });
}
