import { alertThemes, playsForAlert } from '../../core/plays/plays-for-alert.js';
import type { Play } from '../../core/plays/play-schema.js';
import { fillMessage } from '../../core/plays/fill-message.js';
import type { PrismaClient } from '../../db/client.js';
import { loadPlayCatalogue } from './play-catalogue.js';

export interface TaskView {
  id: string;
  runId: string;
  title: string;
  kind: string;
  action: string | null;
  /** What a system step will send, filled exactly as it is sent (fillMessage, the same call as on approval). */
  message: string | null;
  /** Who a message to the client goes to: the account's champion, when it has one. */
  recipient: string | null;
  state: string;
  dueAt: Date;
  assignee: string | null;
  accountName: string;
  playName: string;
  lastError: string | null;
}

/** What a task view reads; jobs add their own fields to it. */
export const taskSelect = {
  id: true,
  runId: true,
  title: true,
  kind: true,
  action: true,
  message: true,
  state: true,
  dueAt: true,
  lastError: true,
  assignee: { select: { name: true } },
  run: {
    select: {
      playId: true,
      account: {
        select: { name: true, contacts: { where: { role: 'champion' }, select: { name: true }, take: 1 } },
      },
    },
  },
} as const;

type TaskRow = {
  id: string;
  runId: string;
  title: string;
  kind: string;
  action: string | null;
  message: string | null;
  state: string;
  dueAt: Date;
  lastError: string | null;
  assignee: { name: string } | null;
  run: { playId: string; account: { name: string; contacts?: { name: string }[] } };
};

export const viewOf = (t: TaskRow, plays: { find(id: string): Play | undefined }): TaskView => ({
  id: t.id,
  runId: t.runId,
  title: t.title,
  kind: t.kind,
  action: t.action,
  message: t.message
    ? fillMessage(t.message, { account: t.run.account.name, champion: t.run.account.contacts?.[0]?.name ?? null })
    : null,
  recipient: t.run.account.contacts?.[0]?.name ?? null,
  state: t.state,
  dueAt: t.dueAt,
  assignee: t.assignee?.name ?? null,
  accountName: t.run.account.name,
  playName: plays.find(t.run.playId)?.name ?? t.run.playId,
  lastError: t.lastError,
});

/** A person's open tasks (and approvals waiting on them), soonest due first. */
export async function openTasksOf(
  prisma: PrismaClient,
  userId: string,
  now: Date,
  options: { dueBefore?: Date; limit?: number; offset?: number } = {},
): Promise<{ tasks: TaskView[]; total: number; overdue: number }> {
  const where = {
    assigneeId: userId,
    state: { in: ['OPEN', 'AWAITING_APPROVAL', 'FAILED'] as ('OPEN' | 'AWAITING_APPROVAL' | 'FAILED')[] },
    run: { state: 'OPEN' as const },
    ...(options.dueBefore ? { dueAt: { lte: options.dueBefore } } : {}),
  };
  const [rows, total, overdue, plays] = await Promise.all([
    prisma.playTask.findMany({
      where,
      select: taskSelect,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: options.limit ?? 20,
      ...(options.offset ? { skip: options.offset } : {}),
    }),
    prisma.playTask.count({ where }),
    prisma.playTask.count({ where: { ...where, dueAt: { ...where.dueAt, lt: now } } }),
    loadPlayCatalogue(prisma),
  ]);
  return { tasks: rows.map((r) => viewOf(r, plays)), total, overdue };
}

export interface RunView {
  id: string;
  playId: string;
  playName: string;
  openedAt: Date;
  startedBy: string;
  holdout: boolean;
  tasks: TaskView[];
}

/** The account's open play runs with all their tasks in step order. */
export async function openRunsOf(prisma: PrismaClient, accountId: string): Promise<RunView[]> {
  const [runs, plays] = await Promise.all([
    prisma.playRun.findMany({
      where: { accountId, state: 'OPEN' },
      orderBy: { openedAt: 'asc' },
      select: {
        id: true,
        playId: true,
        openedAt: true,
        startedBy: true,
        holdout: true,
        tasks: { select: taskSelect, orderBy: { stepIndex: 'asc' } },
      },
    }),
    loadPlayCatalogue(prisma),
  ]);
  return runs.map((r) => ({
    id: r.id,
    playId: r.playId,
    playName: plays.find(r.playId)?.name ?? r.playId,
    openedAt: r.openedAt,
    startedBy: r.startedBy,
    holdout: r.holdout,
    tasks: r.tasks.map((t) => viewOf(t, plays)),
  }));
}

export interface SuggestedPlay {
  play: Play;
  /** The open alert that calls for it, in its own words. */
  because: string;
}

/** Plays the account's open alerts call for, that are not running yet. */
export async function suggestedPlaysFor(prisma: PrismaClient, accountId: string): Promise<SuggestedPlay[]> {
  const [alerts, running, catalogue] = await Promise.all([
    prisma.alert.findMany({
      where: { accountId, state: { not: 'RESOLVED' } },
      select: { kind: true, title: true, evidence: true },
      orderBy: { openedAt: 'desc' },
    }),
    prisma.playRun.findMany({ where: { accountId, state: 'OPEN' }, select: { playId: true } }),
    loadPlayCatalogue(prisma),
  ]);
  const taken = new Set(running.map((r) => r.playId));
  const out: SuggestedPlay[] = [];
  for (const a of alerts)
    for (const { play } of playsForAlert(a.kind, catalogue.plays, alertThemes(a.evidence)))
      if (!taken.has(play.id)) {
        taken.add(play.id);
        out.push({ play, because: a.title });
      }
  return out;
}

/** Per CSM of a manager's team (or everyone for an admin): open, overdue and done-in-period tasks. */
export async function teamTaskCounts(
  prisma: PrismaClient,
  ownerIds: string[] | undefined,
  now: Date,
  sinceDays = 30,
): Promise<{ userId: string; name: string; open: number; overdue: number; done: number }[]> {
  const since = new Date(now.getTime() - sinceDays * 86_400_000);
  const tasks = await prisma.playTask.groupBy({
    by: ['assigneeId', 'state'],
    where: {
      kind: 'human',
      ...(ownerIds ? { assigneeId: { in: ownerIds } } : { assigneeId: { not: null } }),
      OR: [
        { state: 'OPEN', run: { state: 'OPEN' } },
        { state: 'DONE', doneAt: { gte: since } },
      ],
    },
    _count: true,
  });
  const overdue = await prisma.playTask.groupBy({
    by: ['assigneeId'],
    where: {
      kind: 'human',
      state: 'OPEN',
      run: { state: 'OPEN' },
      dueAt: { lt: now },
      ...(ownerIds ? { assigneeId: { in: ownerIds } } : { assigneeId: { not: null } }),
    },
    _count: true,
  });
  const ids = [...new Set(tasks.map((t) => t.assigneeId!))];
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return users
    .map((u) => ({
      userId: u.id,
      name: u.name,
      open: tasks.find((t) => t.assigneeId === u.id && t.state === 'OPEN')?._count ?? 0,
      overdue: overdue.find((t) => t.assigneeId === u.id)?._count ?? 0,
      done: tasks.find((t) => t.assigneeId === u.id && t.state === 'DONE')?._count ?? 0,
    }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name));
}

/** One task by id, as its views show it; undefined when there is none. */
export async function taskById(prisma: PrismaClient, taskId: string): Promise<TaskView | undefined> {
  const [row, plays] = await Promise.all([
    prisma.playTask.findUnique({ where: { id: taskId }, select: taskSelect }),
    loadPlayCatalogue(prisma),
  ]);
  return row ? viewOf(row, plays) : undefined;
}
