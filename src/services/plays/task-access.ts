import type { DbClient } from '../../db/repositories/db-client.js';
import type { Prisma } from '../../db/client.js';
import { AccessDenied, type Actor } from '../access/actor.js';

/** Managers and admins act on any task; others only where they are one of `people` (assignee, run owner). */
export function assertMayAct(actor: Actor, people: (string | null | undefined)[]): void {
  const mine = actor.userId !== undefined && people.includes(actor.userId);
  if (actor.role !== 'admin' && actor.role !== 'manager' && !mine) throw new AccessDenied('not_yours');
}

/** "Already done", "Already awaiting approval": what a second press is told. */
export const alreadyText = (state: string) => `Already ${state.toLowerCase().replace('_', ' ')}`;

/** One entry of a run's audit trail: what happened to which task, who did it and when. */
export function recordTaskEvent(
  db: DbClient,
  event: {
    runId: string;
    taskId?: string;
    at: Date;
    actor: Actor | null;
    kind: string;
    detail?: Prisma.InputJsonValue;
  },
) {
  return db.playEvent.create({
    data: {
      runId: event.runId,
      taskId: event.taskId ?? null,
      at: event.at,
      actorId: event.actor?.userId ?? null,
      kind: event.kind,
      detail: event.detail ?? {},
    },
  });
}
