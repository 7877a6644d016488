import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { closeRunIfDone } from './close-play-run.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { alreadyText, assertMayAct, recordTaskEvent } from './task-access.js';
import { whyNoWork } from './work-people.js';
import { snoozedDueAt } from '../../core/plays/snooze-task.js';

export type TaskAction =
  | { kind: 'done' }
  | { kind: 'skip'; reason: string }
  | { kind: 'snooze'; days: number }
  | { kind: 'reassign'; toUserId: string };

export interface TaskActed {
  /** False when the task was no longer in a state the action applies to (a second click): nothing changed. */
  changed: boolean;
  /** Why the action was refused (a reassignment to a client contact or a guest); nothing changed. */
  refused?: string;
  message: string;
  title: string;
  accountName: string;
  runClosed: boolean;
}

/**
 * Done, Skip (with a reason), Snooze and Reassign on a play task. Each is one conditional update, so
 * a double click or two replicas handling the same press record it once. The assignee, the run's
 * owner, managers and admins may act; every change is kept as an event. A task is never reassigned
 * to someone who may not take work (whyNoWork: a client contact, a guest, whatever their Tend role).
 */
export async function actOnTask(
  prisma: PrismaClient,
  actor: Actor,
  input: { taskId: string; action: TaskAction },
  now: Date,
  /** The connected chat apps, asked whether a new assignee is a guest. */
  notifiers?: AlertNotifiers,
): Promise<TaskActed> {
  assertCanWrite(actor);
  const task = await prisma.playTask.findUnique({
    where: { id: input.taskId },
    select: {
      id: true,
      runId: true,
      title: true,
      kind: true,
      state: true,
      dueAt: true,
      assigneeId: true,
      run: { select: { ownerId: true, account: { select: { name: true } } } },
    },
  });
  if (!task) throw new Error('That task no longer exists.');
  assertMayAct(actor, [task.assigneeId, task.run.ownerId]);
  const action = input.action;
  const base = { title: task.title, accountName: task.run.account.name };
  if (action.kind === 'done' && task.kind === 'system')
    return { ...base, changed: false, runClosed: false, message: 'Tend carries out system steps: approve or skip it' };
  if (action.kind === 'reassign') {
    const refused = (await whyNoWork(prisma, [action.toUserId], notifiers)).get(action.toUserId);
    if (refused)
      return { ...base, changed: false, runClosed: false, refused: refused.reason, message: 'Not reassigned' };
  }
  const data =
    action.kind === 'done'
      ? { state: 'DONE' as const, doneAt: now, doneById: actor.userId ?? null }
      : action.kind === 'skip'
        ? { state: 'SKIPPED' as const, doneAt: now, doneById: actor.userId ?? null, skipReason: action.reason }
        : action.kind === 'snooze'
          ? {
              dueAt: snoozedDueAt(task.dueAt, now, action.days),
              snoozedUntil: snoozedDueAt(task.dueAt, now, action.days),
              remindedAt: null,
            }
          : { assigneeId: action.toUserId, remindedAt: null };
  const states =
    action.kind === 'skip' ? (['OPEN', 'AWAITING_APPROVAL', 'FAILED'] as const) : (['OPEN', 'FAILED'] as const);
  const updated = await prisma.playTask.updateMany({
    where: { id: task.id, state: { in: [...states] } },
    data,
  });
  if (!updated.count)
    return {
      ...base,
      changed: false,
      runClosed: false,
      message: alreadyText(task.state),
    };
  await recordTaskEvent(prisma, {
    runId: task.runId,
    taskId: task.id,
    at: now,
    actor,
    kind: action.kind,
    detail:
      action.kind === 'skip'
        ? { reason: action.reason }
        : action.kind === 'snooze'
          ? { days: action.days }
          : action.kind === 'reassign'
            ? { from: task.assigneeId, to: action.toUserId }
            : {},
  });
  const runClosed = await closeRunIfDone(prisma, task.runId, now);
  const message =
    action.kind === 'done'
      ? 'Done'
      : action.kind === 'skip'
        ? `Skipped (${action.reason})`
        : action.kind === 'snooze'
          ? `Snoozed ${action.days} days: now due ${snoozedDueAt(task.dueAt, now, action.days).toISOString().slice(0, 10)}`
          : 'Reassigned';
  return {
    ...base,
    changed: true,
    runClosed,
    message: runClosed ? `${message}; every step is done, the play is complete` : message,
  };
}
