import { loadPlayCatalogue, type PlayCatalogue } from '../plays/play-catalogue.js';
import { localDay } from '../../core/alerts/quiet-hours.js';
import { rollupReply } from '../../replies/rollup-reply.js';
import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { alertReply } from '../../replies/alert-reply.js';
import { alertView, type AlertPolicyContext } from './alert-store.js';
import { SharedConversationError, type AlertNotifiers } from './alert-notifier.js';
import { tellAdminsOfSharedConversation } from './shared-conversation-notice.js';
import { appendTo } from '../../core/collections/append-to.js';

export interface DeliveryDeps {
  prisma: PrismaClient;
  notifiers: AlertNotifiers;
  policy: AlertPolicyContext;
  logger?: Logger;
}

export interface DeliveryResult {
  sent: number;
  rolledUp: number;
  failed: number;
  rollups: number;
}

/** Start of the local day of `now`, as an instant, for counting today's messages per destination. */
function startOfLocalDay(now: Date, timeZone: string): Date {
  const day = localDay(now, timeZone);
  // Walk back to the first instant that is still the same local day (minute precision is enough).
  let t = now.getTime() - (now.getTime() % 60_000);
  for (let step = 12 * 3_600_000; step >= 60_000; step /= 2)
    while (localDay(new Date(t - step), timeZone) === day) t -= step;
  return new Date(t);
}

/**
 * Sends queued alert messages that are due: each destination gets up to the daily cap one by one,
 * the rest in one roll-up. A message is claimed (PENDING -> SENDING) before it is posted, so it is
 * never posted twice, even if two runs overlap.
 */
export async function deliverAlerts(deps: DeliveryDeps, now: Date): Promise<DeliveryResult> {
  const { prisma } = deps;
  const result: DeliveryResult = { sent: 0, rolledUp: 0, failed: 0, rollups: 0 };
  const due = await prisma.alertMessage.findMany({
    where: { state: 'PENDING', deliverAfter: { lte: now }, alert: { state: { not: 'RESOLVED' } } },
    orderBy: [{ alert: { severity: 'desc' } }, { deliverAfter: 'asc' }],
    select: {
      id: true,
      alertId: true,
      channel: true,
      destination: true,
      alert: { select: { title: true, state: true } },
    },
  });
  const dayStart = startOfLocalDay(now, deps.policy.timeZone);
  // Read once per pass, when the first alert is rendered.
  let plays: Promise<PlayCatalogue> | undefined;
  const byDestination = new Map<string, typeof due>();
  for (const m of due) {
    if (m.alert.state === 'SNOOZED') continue;
    const key = `${m.channel}:${m.destination}`;
    appendTo(byDestination, key, m);
  }
  for (const messages of byDestination.values()) {
    const { channel, destination } = messages[0]!;
    const notifier = deps.notifiers[channel];
    if (!notifier) continue;
    const sentToday = await prisma.alertMessage.count({
      where: { channel, destination, state: 'SENT', sentAt: { gte: dayStart } },
    });
    let room = Math.max(0, deps.policy.config.dailyCap - sentToday);
    const rolled: string[] = [];
    // Set when the destination turned out to be shared with another organisation: nothing more goes there.
    let shared = false;
    for (const m of messages) {
      const claimed = await prisma.alertMessage.updateMany({
        where: { id: m.id, state: 'PENDING' },
        data: { state: shared ? 'FAILED' : room > 0 ? 'SENDING' : 'ROLLED_UP' },
      });
      if (claimed.count === 0) continue;
      if (shared) {
        result.failed++;
        continue;
      }
      if (room <= 0) {
        rolled.push(m.alert.title);
        result.rolledUp++;
        continue;
      }
      room--;
      try {
        const posted = await notifier.send(
          destination,
          alertReply(await alertView(prisma, m.alertId, (plays ??= loadPlayCatalogue(prisma)))),
        );
        await prisma.alertMessage.update({
          where: { id: m.id },
          data: { state: 'SENT', sentAt: now, messageRef: posted.ref, messageChannel: posted.conversation },
        });
        result.sent++;
      } catch (error) {
        // Not retried: a post that failed half-way may have reached people, and a duplicate is worse.
        await prisma.alertMessage.update({ where: { id: m.id }, data: { state: 'FAILED' } });
        result.failed++;
        if (error instanceof SharedConversationError) {
          shared = true;
          await tellAdminsOfSharedConversation(deps, error, 'alerts');
        } else deps.logger?.error({ err: error, alertMessageId: m.id }, 'alert message could not be sent');
      }
    }
    if (rolled.length && !shared) {
      try {
        await notifier.send(destination, rollupReply(rolled));
        result.rollups++;
      } catch (error) {
        if (error instanceof SharedConversationError) await tellAdminsOfSharedConversation(deps, error, 'alerts');
        else deps.logger?.error({ err: error, destination }, 'alert roll-up could not be sent');
      }
    }
  }
  return result;
}

/** Re-renders every sent message of an alert (after a resolve, an acknowledgement, a claim). */
export async function refreshAlertMessages(
  deps: Pick<DeliveryDeps, 'prisma' | 'notifiers' | 'logger'>,
  alertId: string,
) {
  const messages = await deps.prisma.alertMessage.findMany({
    where: { alertId, state: 'SENT', messageRef: { not: null } },
    select: { channel: true, messageChannel: true, messageRef: true, destination: true },
  });
  if (!messages.length) return 0;
  const reply = alertReply(await alertView(deps.prisma, alertId));
  let updated = 0;
  for (const m of messages) {
    const notifier = deps.notifiers[m.channel];
    if (!notifier) continue;
    try {
      await notifier.update(m.messageChannel ?? m.destination, m.messageRef!, reply);
      updated++;
    } catch (error) {
      if (error instanceof SharedConversationError) await tellAdminsOfSharedConversation(deps, error, 'alert updates');
      else deps.logger?.warn({ err: error, alertId }, 'could not update an alert message');
    }
  }
  return updated;
}
