import { randomInt, randomUUID } from 'node:crypto';
import { isHeldOut, planTasks } from '../../core/plays/plan-tasks.js';
import type { Play } from '../../core/plays/play-schema.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { assigneeContexts, assigneeFor } from './task-assignees.js';

export interface StartedRun {
  runId: string;
  /** False when a run of this play was already open on the account (that one is returned). */
  created: boolean;
}

export interface RunToStart {
  accountId: string;
  play: Play;
  startedBy: string;
  startedById?: string | null;
  alertId?: string | null;
  /** A uniform draw in [0, 1) for the holdout; random unless a test fixes it. */
  draw?: number;
}

/** Opens one run; see startPlayRuns. */
export async function startPlayRun(db: DbClient, input: RunToStart, now: Date): Promise<StartedRun> {
  return (await startPlayRuns(db, [input], now))[0]!;
}

/**
 * Opens runs of plays on accounts with one task per step, unless one is open already (one open run
 * per account and play, held by a unique key, so two replicas or a double click open one). In bulk:
 * a portfolio's first evaluation opens thousands in a few statements.
 */
export async function startPlayRuns(db: DbClient, inputs: readonly RunToStart[], now: Date): Promise<StartedRun[]> {
  if (!inputs.length) return [];
  const contexts = await assigneeContexts(db, [...new Set(inputs.map((i) => i.accountId))]);
  const planned = inputs.map((input) => {
    const ctx = contexts.get(input.accountId)!;
    const holdout = isHeldOut(input.play, input.draw ?? randomInt(0, 1_000_000) / 1_000_000);
    return { input, ctx, holdout, id: randomUUID(), openKey: `${input.accountId}:${input.play.id}` };
  });
  await db.playRun.createMany({
    data: planned.map((p) => ({
      id: p.id,
      accountId: p.input.accountId,
      playId: p.input.play.id,
      playVersion: p.input.play.version,
      openKey: p.openKey,
      ownerId: p.ctx.ownerId,
      startedBy: p.input.startedBy,
      startedById: p.input.startedById ?? null,
      alertId: p.input.alertId ?? null,
      holdout: p.holdout,
      openedAt: now,
    })),
    skipDuplicates: true,
  });
  const open = await db.playRun.findMany({
    where: { openKey: { in: planned.map((p) => p.openKey) } },
    select: { id: true, openKey: true },
  });
  const idOf = new Map(open.map((r) => [r.openKey!, r.id]));
  const created = planned.filter((p) => idOf.get(p.openKey) === p.id);
  await db.playTask.createMany({
    data: created.flatMap((p) =>
      planTasks(p.input.play, now, { holdout: p.holdout }).map((t) => ({
        runId: p.id,
        stepIndex: t.stepIndex,
        kind: t.kind,
        title: t.title,
        action: t.action,
        message: t.message,
        survey: t.survey,
        mirrorsStepIndex: t.mirrorsStepIndex,
        assigneeId: t.kind === 'human' ? assigneeFor(t.who, p.ctx) : p.ctx.ownerId,
        dueAt: t.dueAt,
        state: t.state,
      })),
    ),
  });
  await db.playEvent.createMany({
    data: created.map((p) => ({
      runId: p.id,
      at: now,
      actorId: p.input.startedById ?? null,
      kind: 'opened',
      detail: {
        startedBy: p.input.startedBy,
        play: p.input.play.id,
        version: p.input.play.version,
        holdout: p.holdout,
      },
    })),
  });
  return planned.map((p) => ({ runId: idOf.get(p.openKey) ?? p.id, created: idOf.get(p.openKey) === p.id }));
}
