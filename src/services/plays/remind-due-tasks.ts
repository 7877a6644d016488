import { backlogSize } from '../../core/attention/attention-budget.js';
import { appendTo } from '../../core/collections/append-to.js';
import type { PrismaClient } from '../../db/client.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import {
  isFirstDayBacklog,
  releaseAttention,
  reserveAttention,
  type AttentionPolicy,
} from '../attention/attention-ledger.js';
import { sendDigest } from '../attention/send-digest.js';
import { loadPlayCatalogue } from './play-catalogue.js';
import { personDestinations } from './person-destinations.js';
import { taskSelect, viewOf } from './play-views.js';
import { dueReminder } from './task-messages.js';
import { whyNoWork } from './work-people.js';

/**
 * A task that falls due is told to its assignee alone while their attention budget has room for a
 * routine message (half the weekly budget); otherwise it waits for their daily digest. More than a
 * few at once for one person (a first start, an import, a play with many steps) is a backlog: one
 * summary. Each task is claimed by a conditional update before anything is sent, so replicas
 * running this at the same time, or a retried slot, send it once; a send that fails, or finds no
 * room, releases the claim. Nobody who may not take work gets one, nor a summary (whyNoWork: a client
 * contact, a guest): the task is marked reminded with the reason in its audit, so it is not tried
 * again; a guest check Slack would not answer leaves it for the next pass.
 */
export async function remindDueTasks(
  prisma: PrismaClient,
  notifiers: AlertNotifiers,
  policy: AttentionPolicy,
  now: Date,
): Promise<{ reminded: number; failed: number; waiting: number; summaries: number }> {
  const due = await prisma.playTask.findMany({
    where: {
      state: { in: ['OPEN', 'AWAITING_APPROVAL'] },
      remindedAt: null,
      dueAt: { lte: now },
      assigneeId: { not: null },
      run: { state: 'OPEN' },
    },
    select: { ...taskSelect, assigneeId: true },
    orderBy: { dueAt: 'asc' },
    take: 5_000,
  });
  const result = { reminded: 0, failed: 0, waiting: 0, summaries: 0 };
  if (!due.length) return result;
  const assignees = [...new Set(due.map((t) => t.assigneeId!))];
  const [plays, destinations, refused] = await Promise.all([
    loadPlayCatalogue(prisma),
    personDestinations(prisma, assignees),
    whyNoWork(prisma, assignees, notifiers),
  ]);
  const firstDay = await isFirstDayBacklog(prisma, policy, due.length, now);
  const byPerson = new Map<string, typeof due>();
  for (const t of due) appendTo(byPerson, t.assigneeId!, t);
  for (const [userId, tasks] of byPerson) {
    const targets = (destinations.get(userId) ?? []).filter((d) => notifiers[d.channel]);
    if (!targets.length) continue;
    const why = refused.get(userId);
    if (why?.retry) continue;
    if (why) {
      for (const t of tasks) {
        const claimed = await prisma.playTask.updateMany({
          where: { id: t.id, remindedAt: null },
          data: { remindedAt: now },
        });
        if (!claimed.count) continue;
        await prisma.playEvent.create({
          data: { runId: t.runId, taskId: t.id, at: now, kind: 'reminder_withheld', detail: { reason: why.reason } },
        });
      }
      continue;
    }
    if (firstDay || tasks.length > backlogSize) {
      const outcome = await sendDigest({ prisma, notifiers, policy }, userId, now, 'summary');
      if (outcome === 'sent') result.summaries++;
      else result.waiting += tasks.length;
      continue;
    }
    for (const t of tasks) {
      const claimed = await prisma.playTask.updateMany({
        where: { id: t.id, remindedAt: null },
        data: { remindedAt: now },
      });
      if (!claimed.count) continue;
      const unclaim = () =>
        prisma.playTask.updateMany({ where: { id: t.id, remindedAt: now }, data: { remindedAt: null } });
      const place = await reserveAttention(prisma, policy, { userId, kind: 'reminder', tier: 'routine' }, now);
      if (!place) {
        await unclaim();
        result.waiting++;
        continue;
      }
      try {
        // The first channel the person is on: a reminder is for them, not for every chat they use.
        await notifiers[targets[0]!.channel]!.send(targets[0]!.destination, dueReminder(viewOf(t, plays)));
        await prisma.playEvent.create({
          data: { runId: t.runId, taskId: t.id, at: now, kind: 'reminded', detail: { channel: targets[0]!.channel } },
        });
        result.reminded++;
      } catch {
        await releaseAttention(prisma, place);
        await unclaim();
        result.failed++;
      }
    }
  }
  return result;
}
