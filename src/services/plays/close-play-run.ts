import type { DbClient } from '../../db/repositories/db-client.js';

/** Closes an open run whose tasks all finished (done, skipped or held out); true when it closed. */
export async function closeRunIfDone(db: DbClient, runId: string, now: Date): Promise<boolean> {
  const waiting = await db.playTask.count({
    where: { runId, state: { in: ['OPEN', 'AWAITING_APPROVAL', 'FAILED'] } },
  });
  if (waiting) return false;
  return closeRun(db, runId, { state: 'COMPLETED', note: 'every step done', actorId: null }, now);
}

/** Closes an open run (completed, succeeded or abandoned); true when this call closed it. */
export async function closeRun(
  db: DbClient,
  runId: string,
  close: { state: 'COMPLETED' | 'SUCCEEDED' | 'ABANDONED'; note: string; actorId: string | null },
  now: Date,
): Promise<boolean> {
  const closed = await db.playRun.updateMany({
    where: { id: runId, state: 'OPEN' },
    data: { state: close.state, openKey: null, closedAt: now, closeNote: close.note },
  });
  if (!closed.count) return false;
  if (close.state !== 'COMPLETED')
    await db.playTask.updateMany({
      where: { runId, state: { in: ['OPEN', 'AWAITING_APPROVAL', 'FAILED'] } },
      data: { state: 'SKIPPED', skipReason: `play ${close.state.toLowerCase()}: ${close.note}`, doneAt: now },
    });
  await db.playEvent.create({
    data: { runId, at: now, actorId: close.actorId, kind: close.state.toLowerCase(), detail: { note: close.note } },
  });
  return true;
}
