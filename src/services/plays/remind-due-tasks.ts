import type { PrismaClient } from '../../db/client.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { loadPlayCatalogue } from './play-catalogue.js';
import { personDestinations } from './person-destinations.js';
import { taskSelect, viewOf } from './play-views.js';
import { dueReminder } from './task-messages.js';
import { whyNoWork } from './work-people.js';

/**
 * One DM per task when it falls due (and one per approval waiting), to its assignee. Each task is
 * claimed by a conditional update before anything is sent, so replicas running this at the same
 * time, or a retried slot, send it once; a send that fails releases the claim for the next run.
 * Nobody who may not take work gets one (whyNoWork: a client contact, a guest): the task is marked
 * reminded with the reason in its audit, so it is not tried again; a guest check Slack would not
 * answer leaves it for the next pass.
 */
export async function remindDueTasks(
  prisma: PrismaClient,
  notifiers: AlertNotifiers,
  now: Date,
): Promise<{ reminded: number; failed: number }> {
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
  if (!due.length) return { reminded: 0, failed: 0 };
  const assignees = [...new Set(due.map((t) => t.assigneeId!))];
  const [plays, destinations, refused] = await Promise.all([
    loadPlayCatalogue(prisma),
    personDestinations(prisma, assignees),
    whyNoWork(prisma, assignees, notifiers),
  ]);
  let reminded = 0;
  let failed = 0;
  // The audit rows of sent reminders go in batches: one insert per reminder was half the pass.
  const sent: { runId: string; taskId: string; at: Date; kind: string; detail: Record<string, string> }[] = [];
  const flush = async () => {
    if (sent.length) await prisma.playEvent.createMany({ data: sent.splice(0) });
  };
  try {
    for (const t of due) {
      const targets = (destinations.get(t.assigneeId!) ?? []).filter((d) => notifiers[d.channel]);
      if (!targets.length) continue;
      const why = refused.get(t.assigneeId!);
      if (why?.retry) continue;
      const claimed = await prisma.playTask.updateMany({
        where: { id: t.id, remindedAt: null },
        data: { remindedAt: now },
      });
      if (!claimed.count) continue;
      if (why) {
        sent.push({ runId: t.runId, taskId: t.id, at: now, kind: 'reminder_withheld', detail: { reason: why.reason } });
        continue;
      }
      const reply = dueReminder(viewOf(t, plays));
      try {
        // The first channel the person is on: a reminder is for them, not for every chat they use.
        await notifiers[targets[0]!.channel]!.send(targets[0]!.destination, reply);
        sent.push({
          runId: t.runId,
          taskId: t.id,
          at: now,
          kind: 'reminded',
          detail: { channel: targets[0]!.channel },
        });
        reminded++;
      } catch {
        await prisma.playTask.updateMany({ where: { id: t.id, remindedAt: now }, data: { remindedAt: null } });
        failed++;
      }
      if (sent.length >= 200) await flush();
    }
  } finally {
    await flush();
  }
  return { reminded, failed };
}
