import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { firstDelivery } from '../../../../services/chat/deliveries.js';
import type { SlackListenerContext } from '../listener-context.js';

/** A retried event (X-Slack-Retry-Num) or one already taken by another replica does nothing. */
export function ignoreDuplicateEvents(context: SlackListenerContext): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context: bolt, next }) => {
    const b = body as { type?: string; event_id?: string };
    if (b.type === 'event_callback' && b.event_id) {
      const first = await firstDelivery(context.conversation.prisma, `slack:event:${b.event_id}`);
      if (!first) {
        context.log.info({ eventId: b.event_id, retryNum: bolt.retryNum }, 'duplicate Slack delivery ignored');
        return;
      }
    }
    await next();
  };
}
