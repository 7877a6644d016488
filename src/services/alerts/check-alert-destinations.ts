import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { SharedConversationError, type AlertNotifiers } from './alert-notifier.js';
import { tellAdminsOfSharedConversation } from './shared-conversation-notice.js';

/**
 * Checks the configured alert and digest channels at start-up, so a channel shared with another
 * organisation is reported when it is configured rather than when the first alert is refused.
 * Never stops Tend: each post is checked again anyway.
 */
export async function checkAlertDestinations(
  deps: { prisma: PrismaClient; notifiers: AlertNotifiers; logger: Logger },
  destinations: { channel: 'SLACK' | 'TEAMS'; destination: string; what: string }[],
): Promise<void> {
  for (const { channel, destination, what } of destinations) {
    const check = deps.notifiers[channel]?.check;
    if (!check) continue;
    try {
      await check(destination);
    } catch (error) {
      if (error instanceof SharedConversationError) await tellAdminsOfSharedConversation(deps, error, what);
      else deps.logger.warn({ destination, reason: (error as Error).message }, `cannot check the channel for ${what}`);
    }
  }
}
