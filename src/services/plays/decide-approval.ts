import { fillMessage } from '../../core/plays/fill-message.js';
import type { PrismaClient } from '../../db/client.js';
import { assertCanWrite, type Actor } from '../access/actor.js';
import { closeRunIfDone } from './close-play-run.js';
import type { PlayEffects } from './play-effects.js';
import { alreadyText, assertMayAct, recordTaskEvent } from './task-access.js';

export interface ApprovalDecided {
  ok: boolean;
  message: string;
  title: string;
  accountName: string;
}

type Decision = { taskId: string; decision: 'approve' | 'deny'; message?: string; reason?: string };

/**
 * Approve (optionally with edited text) or Deny a system step that reaches a client or a CRM. The
 * run owner (or a manager or admin) decides. Approval claims the step with one conditional update
 * before anything is sent, so it runs once however often it is pressed; a failure is kept on the
 * step (FAILED, with the error) for the person to retry, never retried silently.
 */
export async function decideApproval(
  prisma: PrismaClient,
  actor: Actor,
  input: Decision,
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
      mirrorsStepIndex: true,
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
  assertMayAct(actor, [task.run.ownerId]);
  if (task.kind !== 'system') return { ...base, ok: false, message: 'Only Tend’s own steps wait for approval' };
  const event = (kind: string, detail: Record<string, unknown>) =>
    recordTaskEvent(prisma, { runId: task.runId, taskId: task.id, at: now, actor, kind, detail: detail as object });
  const waiting = { id: task.id, state: { in: ['AWAITING_APPROVAL' as const, 'FAILED' as const] } };
  if (input.decision === 'deny') {
    const denied = await prisma.playTask.updateMany({
      where: waiting,
      data: {
        state: 'SKIPPED',
        skipReason: `denied${input.reason ? `: ${input.reason}` : ''}`,
        doneAt: now,
        doneById: actor.userId ?? null,
      },
    });
    if (!denied.count) return { ...base, ok: false, message: alreadyText(task.state) };
    await event('denied', { reason: input.reason ?? null });
    await closeRunIfDone(prisma, task.runId, now);
    return { ...base, ok: true, message: 'Denied; nothing was sent' };
  }
  const text = fillMessage(input.message ?? task.message ?? task.title, {
    account: task.run.account.name,
    champion: task.run.account.contacts[0]?.name ?? null,
  });
  const claimed = await prisma.playTask.updateMany({
    where: waiting,
    data: {
      state: 'DONE',
      doneAt: now,
      doneById: actor.userId ?? null,
      message: input.message ?? task.message,
      lastError: null,
    },
  });
  if (!claimed.count)
    return { ...base, ok: false, message: task.state === 'DONE' ? 'Already sent' : alreadyText(task.state) };
  await event('approved', { text, edited: !!input.message });
  try {
    if (!effects) throw new Error('Tend is not connected to a chat app or CRM here, so it cannot carry this out');
    const accountId = task.run.accountId;
    let where: string;
    if (task.action === 'crm_task') {
      // A CRM task mirroring a human step is that step's: its assignee owns it, its due day holds,
      // and completing it in the CRM completes the step (sync-crm-tasks).
      const mirrored =
        task.mirrorsStepIndex === null
          ? null
          : await prisma.playTask.findUnique({
              where: { runId_stepIndex: { runId: task.runId, stepIndex: task.mirrorsStepIndex } },
              select: { id: true, dueAt: true, assignee: { select: { email: true } } },
            });
      const created = await effects.createCrmTask({
        accountId,
        subject: text,
        body: `${task.run.account.name}: step of the play ${task.run.playId}, from Tend`,
        dueAt: mirrored?.dueAt ?? task.dueAt,
        ownerEmail: mirrored?.assignee?.email ?? task.run.owner?.email ?? null,
      });
      await prisma.playTask.updateMany({
        where: { id: { in: [task.id, ...(mirrored ? [mirrored.id] : [])] } },
        data: { crmRef: created.ref },
      });
      where = created.to;
    } else
      where =
        task.action === 'check_in_champion'
          ? await effects.messageChampion({ accountId, text })
          : task.action === 'survey_champion'
            ? await effects.surveyChampion({ accountId, survey: task.survey ?? 'nps', actor })
            : await effects.postEscalation({ accountId, text });
    await event('sent', { text, to: where });
    await closeRunIfDone(prisma, task.runId, now);
    return { ...base, ok: true, message: `Sent (${where})` };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await prisma.playTask.update({ where: { id: task.id }, data: { state: 'FAILED', lastError: reason } });
    await event('failed', { error: reason });
    return { ...base, ok: false, message: `Failed: ${reason}. Press Retry once it is fixed` };
  }
}
