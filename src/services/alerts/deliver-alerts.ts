import { loadPlayCatalogue, type PlayCatalogue } from '../plays/play-catalogue.js';
import { startOfLocalDay } from '../../core/alerts/quiet-hours.js';
import { rollupReply } from '../../replies/rollup-reply.js';
import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { alertReply } from '../../replies/alert-reply.js';
import { alertView, type AlertPolicyContext } from './alert-store.js';
import { SharedConversationError, type AlertNotifiers } from './alert-notifier.js';
import { tellAdminsOfSharedConversation } from './shared-conversation-notice.js';
import { appendTo } from '../../core/collections/append-to.js';
import { backlogSize, byUrgency } from '../../core/attention/attention-budget.js';
import { isFirstDayBacklog, releaseAttention, reserveAttention } from '../attention/attention-ledger.js';
import { destinationKey, peopleOfDestinations } from '../attention/people-of-destinations.js';
import { sendDigest, type AttentionDeps } from '../attention/send-digest.js';

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
  /** Held for the person's daily digest: no room in their attention budget. */
  held: number;
  /** Backlogs sent as one summary. */
  summaries: number;
}

/**
 * Sends queued alert messages that are due: each destination gets up to the daily cap one by one,
 * the rest in one roll-up. A message is claimed (PENDING -> SENDING) before it is posted, so it is
 * never posted twice, even if two runs overlap.
 */
export async function deliverAlerts(deps: DeliveryDeps, now: Date): Promise<DeliveryResult> {
  const { prisma } = deps;
  const result: DeliveryResult = { sent: 0, rolledUp: 0, failed: 0, rollups: 0, held: 0, summaries: 0 };
  const due = await prisma.alertMessage.findMany({
    where: { state: 'PENDING', deliverAfter: { lte: now }, alert: { state: { not: 'RESOLVED' } } },
    orderBy: [{ alert: { severity: 'desc' } }, { deliverAfter: 'asc' }],
    select: {
      id: true,
      alertId: true,
      channel: true,
      destination: true,
      alert: {
        select: { title: true, state: true, severity: true, openedAt: true, account: { select: { arr: true } } },
      },
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
  const people = await peopleOfDestinations(
    prisma,
    [...byDestination.values()].map((m) => m[0]!),
  );
  const attention: AttentionDeps = {
    prisma,
    notifiers: deps.notifiers,
    policy: { weeklyBudget: deps.policy.config.weeklyBudget, timeZone: deps.policy.timeZone },
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const firstDay = await isFirstDayBacklog(prisma, attention.policy, due.length, now);
  for (const messages of byDestination.values()) {
    const { channel, destination } = messages[0]!;
    const notifier = deps.notifiers[channel];
    if (!notifier) continue;
    const person = people.get(destinationKey(messages[0]!));
    if (person) {
      await deliverToPerson(attention, person, messages, now, result, firstDay);
      continue;
    }
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

type DueMessage = {
  id: string;
  alertId: string;
  channel: keyof AlertNotifiers;
  destination: string;
  alert: { title: string; severity: 'CRITICAL' | 'WARNING' | 'INFO'; openedAt: Date; account: { arr: unknown } };
};

/**
 * A person's direct chat: alerts go one by one, most urgent first, while their attention budget has
 * room for them (a critical alert more than a warning); the rest wait for their daily digest. More
 * than a few at once is a backlog (a first start, an import, a new preset): all of it in one summary.
 */
async function deliverToPerson(
  deps: AttentionDeps,
  userId: string,
  messages: DueMessage[],
  now: Date,
  result: DeliveryResult,
  firstDay: boolean,
) {
  const { prisma } = deps;
  const ranked = [...messages].sort((a, b) =>
    byUrgency(
      { severity: a.alert.severity, arr: Number(a.alert.account.arr), since: a.alert.openedAt },
      { severity: b.alert.severity, arr: Number(b.alert.account.arr), since: b.alert.openedAt },
    ),
  );
  // Tasks falling due in the same pass (a play the alert started) count toward the backlog too.
  const dueTasks = await prisma.playTask.count({
    where: {
      assigneeId: userId,
      state: { in: ['OPEN', 'AWAITING_APPROVAL'] },
      remindedAt: null,
      dueAt: { lte: now },
      run: { state: 'OPEN' },
    },
  });
  if (firstDay || ranked.length + dueTasks > backlogSize) {
    const held = await prisma.alertMessage.updateMany({
      where: { id: { in: ranked.map((m) => m.id) }, state: 'PENDING' },
      data: { state: 'DIGEST' },
    });
    result.held += held.count;
    if ((await sendDigest(deps, userId, now, 'summary')) === 'sent') result.summaries++;
    return;
  }
  const notifier = deps.notifiers[ranked[0]!.channel]!;
  let plays: Promise<PlayCatalogue> | undefined;
  for (const m of ranked) {
    const claimed = await prisma.alertMessage.updateMany({
      where: { id: m.id, state: 'PENDING' },
      data: { state: 'SENDING' },
    });
    if (claimed.count === 0) continue;
    const place = await reserveAttention(
      prisma,
      deps.policy,
      { userId, kind: 'alert', tier: m.alert.severity === 'CRITICAL' ? 'urgent' : 'routine' },
      now,
    );
    if (!place) {
      await prisma.alertMessage.update({ where: { id: m.id }, data: { state: 'DIGEST' } });
      result.held++;
      continue;
    }
    try {
      const posted = await notifier.send(
        m.destination,
        alertReply(await alertView(prisma, m.alertId, (plays ??= loadPlayCatalogue(prisma)))),
      );
      await prisma.alertMessage.update({
        where: { id: m.id },
        data: { state: 'SENT', sentAt: now, messageRef: posted.ref, messageChannel: posted.conversation },
      });
      result.sent++;
    } catch (error) {
      await releaseAttention(prisma, place);
      await prisma.alertMessage.update({ where: { id: m.id }, data: { state: 'FAILED' } });
      result.failed++;
      if (error instanceof SharedConversationError) await tellAdminsOfSharedConversation(deps, error, 'alerts');
      else deps.logger?.error({ err: error, alertMessageId: m.id }, 'alert message could not be sent');
    }
  }
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
