import { fillMessage } from '../../core/plays/fill-message.js';
import type { PrismaClient } from '../../db/client.js';
import { AccessDenied, assertCanWrite, type Actor } from '../access/actor.js';
import { closeRunIfDone } from './close-play-run.js';
import type { PlayEffects } from './play-effects.js';

export interface ApprovalDecided {
  ok: boolean;
  message: string;
  title: string;
  accountName: string;
}

/**
 * Approve (optionally with edited text) or Deny a system step that reaches a client or a CRM. The
 * run owner (or a manager or admin) decides. Approval claims the step with one conditional update
 * before anything is sent, so it runs once however often it is pressed; a failure is kept on the
 * step (FAILED, with the error) for the person to retry, never retried silently.
 */
export async function decideApproval(
  prisma: PrismaClient,
  actor: Actor,
  input: { taskId: string; decision: 'approve' | 'deny'; message?: string; reason?: string },
  effects: PlayEffects | undefined,
  now: Date,
): Promise<ApprovalDecided> {
  assertCanWrite(actor);
  const task = await prisma.playTask.findUnique({
    where: { id: input.taskId },
    select: {
      id: true,
      runId: true,
      title: true,
      kind: true,
      action: true,
      message: true,
      survey: true,
      state: true,
      dueAt: true,
      run: {
        select: {
          ownerId: true,
          playId: true,
          accountId: true,
          owner: { select: { email: true } },
          account: {
            select: { name: true, contacts: { where: { role: 'champion' }, select: { name: true }, take: 1 } },
          },
        },
      },
    },
  });
  if (!task) throw new Error('That step no longer exists.');
  const base = { title: task.title, accountName: task.run.account.name };
  const mayDecide =
    actor.role === 'admin' ||
    actor.role === 'manager' ||
    (actor.userId !== undefined && actor.userId === task.run.ownerId);
  if (!mayDecide) throw new AccessDenied('not_yours');
  if (task.kind !== 'system') return { ...base, ok: false, message: 'Only Tend’s own steps wait for approval' };
  if (input.decision === 'deny') {
    const denied = await prisma.playTask.updateMany({
      where: { id: task.id, state: { in: ['AWAITING_APPROVAL', 'FAILED'] } },
      data: {
        state: 'SKIPPED',
        skipReason: `denied${input.reason ? `: ${input.reason}` : ''}`,
        doneAt: now,
        doneById: actor.userId ?? null,
      },
    });
    if (!denied.count) return { ...base, ok: false, message: `Already ${task.state.toLowerCase().replace('_', ' ')}` };
    await prisma.playEvent.create({
      data: {
        runId: task.runId,
        taskId: task.id,
        at: now,
        actorId: actor.userId ?? null,
        kind: 'denied',
        detail: { reason: input.reason ?? null },
      },
    });
    await closeRunIfDone(prisma, task.runId, now);
    return { ...base, ok: true, message: 'Denied; nothing was sent' };
  }
  const text = fillMessage(input.message ?? task.message ?? task.title, {
    account: task.run.account.name,
    champion: task.run.account.contacts[0]?.name ?? null,
  });
  const claimed = await prisma.playTask.updateMany({
    where: { id: task.id, state: { in: ['AWAITING_APPROVAL', 'FAILED'] } },
    data: {
      state: 'DONE',
      doneAt: now,
      doneById: actor.userId ?? null,
      message: input.message ?? task.message,
      lastError: null,
    },
  });
  if (!claimed.count)
    return {
      ...base,
      ok: false,
      message: `Already ${task.state === 'DONE' ? 'sent' : task.state.toLowerCase().replace('_', ' ')}`,
    };
  await prisma.playEvent.create({
    data: {
      runId: task.runId,
      taskId: task.id,
      at: now,
      actorId: actor.userId ?? null,
      kind: 'approved',
      detail: { text, edited: !!input.message },
    },
  });
  try {
    if (!effects) throw new Error('Tend is not connected to a chat app or CRM here, so it cannot carry this out');
    const accountId = task.run.accountId;
    const where =
      task.action === 'check_in_champion'
        ? await effects.messageChampion({ accountId, text })
        : task.action === 'survey_champion'
          ? await effects.surveyChampion({ accountId, survey: task.survey ?? 'nps', actor })
          : task.action === 'crm_task'
            ? await effects.createCrmTask({
                accountId,
                taskId: task.id,
                title: text,
                dueAt: task.dueAt,
                ownerEmail: task.run.owner?.email ?? null,
              })
            : await effects.postEscalation({ accountId, text });
    if (task.action === 'crm_task') await prisma.playTask.update({ where: { id: task.id }, data: { crmRef: where } });
    await prisma.playEvent.create({
      data: {
        runId: task.runId,
        taskId: task.id,
        at: now,
        actorId: actor.userId ?? null,
        kind: 'sent',
        detail: { text, to: where },
      },
    });
    await closeRunIfDone(prisma, task.runId, now);
    return { ...base, ok: true, message: `Sent (${where})` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await prisma.playTask.update({
      where: { id: task.id },
      data: { state: 'FAILED', lastError: reason.slice(0, 500) },
    });
    await prisma.playEvent.create({
      data: {
        runId: task.runId,
        taskId: task.id,
        at: now,
        actorId: actor.userId ?? null,
        kind: 'failed',
        detail: { error: reason.slice(0, 500) },
      },
    });
    return { ...base, ok: false, message: `Failed: ${reason}. Press Retry once it is fixed` };
  }
}
