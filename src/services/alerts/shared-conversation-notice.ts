import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { sharedConversationReply } from '../../replies/shared-conversation-reply.js';
import { notifyAdmins } from '../ingest/notify-admins.js';
import type { AlertNotifiers, SharedConversationError } from './alert-notifier.js';

/**
 * Tells the admins, once per conversation across every replica, that Tend kept account data out of
 * a conversation shared with another organisation. The notice is a row with a unique key, so the
 * replica that inserts it is the one that speaks.
 */
export async function tellAdminsOfSharedConversation(
  deps: { prisma: PrismaClient; notifiers: AlertNotifiers; logger?: Logger | undefined },
  refused: SharedConversationError,
  what: string,
): Promise<boolean> {
  deps.logger?.error(
    { conversation: refused.conversation },
    'refused to post account data to a conversation shared with another organisation',
  );
  try {
    await deps.prisma.setting.create({
      data: {
        key: `notice:shared-conversation:${refused.conversation}`,
        value: { what, name: refused.conversationName ?? null },
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return false;
    throw error;
  }
  // No fallback channel: the one at fault is likely the alert channel itself.
  await notifyAdmins(
    { prisma: deps.prisma, notifiers: deps.notifiers, logger: deps.logger },
    sharedConversationReply({
      conversation: refused.conversation,
      ...(refused.conversationName ? { name: refused.conversationName } : {}),
      what,
    }),
  );
  return true;
}
