import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { closeRunIfDone } from './close-play-run.js';
import { crmRefOf, parseCrmRef, type CrmTasks } from './crm-tasks.js';
import { recordTaskEvent } from './task-access.js';

const chunk = 500;

export interface CrmTaskSync {
  /** Steps completed (or deferred) in the CRM, now done (or skipped) in Tend. */
  doneFromCrm: number;
  /** Steps finished in Tend whose CRM task Tend closed. */
  closedInCrm: number;
  /** Mirrored CRM tasks the CRM no longer has. */
  missing: number;
  failed: number;
}

/**
 * Keeps mirrored play steps and their CRM tasks in step, both ways: a task completed in the CRM
 * completes the step in Tend (deferred skips it), and a step finished in Tend completes (or defers)
 * its CRM task, once. Runs inside the sync job, so once per slot across replicas; each step changes
 * with one conditional update, so a step done in chat meanwhile is not done twice.
 */
export async function syncCrmTasks(
  prisma: PrismaClient,
  crm: CrmTasks,
  logger: Logger,
  now: Date,
): Promise<CrmTaskSync> {
  const result: CrmTaskSync = { doneFromCrm: 0, closedInCrm: 0, missing: 0, failed: 0 };
  const mirrored = { kind: 'human', crmRef: { startsWith: `${crm.kind}:` } };
  for (let after = ''; ;) {
    const open = await prisma.playTask.findMany({
      where: { ...mirrored, state: 'OPEN', id: { gt: after || undefined } },
      select: { id: true, runId: true, crmRef: true },
      orderBy: { id: 'asc' },
      take: chunk,
    });
    if (!open.length) break;
    after = open.at(-1)!.id;
    const statuses = await crm.statuses(open.map((t) => parseCrmRef(t.crmRef!).id));
    for (const task of open) {
      const status = statuses.get(parseCrmRef(task.crmRef!).id);
      if (status === 'missing') result.missing++;
      if (status !== 'completed' && status !== 'deferred') continue;
      const changed = await prisma.playTask.updateMany({
        where: { id: task.id, state: 'OPEN' },
        data:
          status === 'completed'
            ? { state: 'DONE', doneAt: now, crmClosedAt: now }
            : { state: 'SKIPPED', doneAt: now, crmClosedAt: now, skipReason: `deferred in ${crm.label}` },
      });
      if (!changed.count) continue;
      await recordTaskEvent(prisma, {
        runId: task.runId,
        taskId: task.id,
        at: now,
        actor: null,
        kind: status === 'completed' ? 'done' : 'skip',
        detail: { in: crm.kind, ref: task.crmRef },
      });
      await closeRunIfDone(prisma, task.runId, now);
      result.doneFromCrm++;
    }
  }
  const finished = await prisma.playTask.findMany({
    where: { ...mirrored, state: { in: ['DONE', 'SKIPPED'] }, crmClosedAt: null },
    select: { id: true, state: true, crmRef: true },
    take: chunk,
  });
  for (const task of finished) {
    // Claimed first: a second pass (or replica) does not close the same CRM task again.
    const claimed = await prisma.playTask.updateMany({
      where: { id: task.id, crmClosedAt: null },
      data: { crmClosedAt: now },
    });
    if (!claimed.count) continue;
    const id = parseCrmRef(task.crmRef!).id;
    try {
      await crm.close(id, task.state === 'DONE' ? 'completed' : 'deferred');
      result.closedInCrm++;
    } catch (error) {
      await prisma.playTask.update({ where: { id: task.id }, data: { crmClosedAt: null } });
      logger.warn(
        { err: error, crmTask: crmRefOf(crm.kind, id) },
        'could not close the CRM task; the next sync retries',
      );
      result.failed++;
    }
  }
  return result;
}
