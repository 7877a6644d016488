import { findAccount } from '../services/accounts/find-account.js';
import { rememberSubject } from '../services/chat/conversation-memory.js';
import type { ConversationDeps } from './conversation-deps.js';
import { memoryKeyOf } from './follow-ups.js';
import type { InboundMessage } from './inbound-message.js';

/**
 * Makes an account the subject of a conversation before anything is asked, when the place the
 * person is looking at names one (a Slack channel called #acme-corp), so "how is it doing?" means
 * that account. Nothing happens when the name matches no account, or several.
 */
export async function focusOnAccountNamed(
  deps: ConversationDeps,
  where: Required<Pick<InboundMessage, 'channel' | 'conversationKey'>> & { person: string },
  name: string,
): Promise<string | undefined> {
  const match = await findAccount(deps.prisma, name.replace(/[-_]+/g, ' '));
  if (match.kind !== 'found') return undefined;
  await rememberSubject(
    deps.prisma,
    memoryKeyOf(where.channel, where.conversationKey, where.person),
    { intent: 'health', args: { account: match.account.name }, subjects: [match.account.name] },
    deps.now(),
  );
  return match.account.name;
}
