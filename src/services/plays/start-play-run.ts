import { randomInt, randomUUID } from 'node:crypto';
import { isHeldOut, planTasks } from '../../core/plays/plan-tasks.js';
import type { Play } from '../../core/plays/play-schema.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { assigneeContext, assigneeFor } from './task-assignees.js';

export interface StartedRun {
  runId: string;
  /** False when a run of this play was already open on the account (that one is returned). */
  created: boolean;
}

/**
 * Opens a run of a play on an account with one task per step, unless one is open already (one open
 * run per account and play, held by a unique key, so two replicas or a double click open one).
 */
export async function startPlayRun(
  db: DbClient,
  input: {
    accountId: string;
    play: Play;
    startedBy: string;
    startedById?: string | null;
    alertId?: string | null;
    /** A uniform draw in [0, 1) for the holdout; random unless a test fixes it. */
    draw?: number;
  },
  now: Date,
): Promise<StartedRun> {
  const openKey = `${input.accountId}:${input.play.id}`;
  const existing = await db.playRun.findUnique({ where: { openKey }, select: { id: true } });
  if (existing) return { runId: existing.id, created: false };
  const ctx = await assigneeContext(db, input.accountId);
  const holdout = isHeldOut(input.play, input.draw ?? randomInt(0, 1_000_000) / 1_000_000);
  const runId = randomUUID();
  const inserted = await db.playRun.createMany({
    data: [
      {
        id: runId,
        accountId: input.accountId,
        playId: input.play.id,
        playVersion: input.play.version,
        openKey,
        ownerId: ctx.ownerId,
        startedBy: input.startedBy,
        startedById: input.startedById ?? null,
        alertId: input.alertId ?? null,
        holdout,
        openedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  if (!inserted.count) {
    const winner = await db.playRun.findUniqueOrThrow({ where: { openKey }, select: { id: true } });
    return { runId: winner.id, created: false };
  }
  await db.playTask.createMany({
    data: planTasks(input.play, now, { holdout }).map((t) => ({
      runId,
      stepIndex: t.stepIndex,
      kind: t.kind,
      title: t.title,
      action: t.action,
      message: t.message,
      survey: t.survey,
      assigneeId: t.kind === 'human' ? assigneeFor(t.who, ctx) : ctx.ownerId,
      dueAt: t.dueAt,
      state: t.state,
    })),
  });
  await db.playEvent.create({
    data: {
      runId,
      at: now,
      actorId: input.startedById ?? null,
      kind: 'opened',
      detail: { startedBy: input.startedBy, play: input.play.id, version: input.play.version, holdout },
    },
  });
  return { runId, created: true };
}
