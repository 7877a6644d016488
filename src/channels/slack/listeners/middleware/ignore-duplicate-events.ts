import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { firstDelivery } from '../../../../services/chat/deliveries.js';
import { isDatabaseUnavailable } from '../../../../services/database-unavailable.js';
import type { SlackListenerContext } from '../listener-context.js';

/**
 * A retried event (X-Slack-Retry-Num) or one already taken by another replica does nothing. When
 * the database cannot be reached, the first delivery goes on (its listener tells the person the
 * database is unavailable) and Slack's retries of it are dropped, so the person hears it once.
 */
export function ignoreDuplicateEvents(context: SlackListenerContext): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context: bolt, next }) => {
    const b = body as { type?: string; event_id?: string };
    if (b.type === 'event_callback' && b.event_id) {
      const first = await firstDelivery(context.conversation.prisma, `slack:event:${b.event_id}`).catch(
        (error: unknown) => {
          if (!isDatabaseUnavailable(error)) throw error;
          context.log.warn(
            { eventId: b.event_id, err: error },
            'database unavailable: Slack delivery not deduplicated',
          );
          return bolt.retryNum === undefined;
        },
      );
      if (!first) {
        context.log.info({ eventId: b.event_id, retryNum: bolt.retryNum }, 'duplicate Slack delivery ignored');
        return;
      }
    }
    await next();
  };
}
