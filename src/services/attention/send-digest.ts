import { byUrgency } from '../../core/attention/attention-budget.js';
import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { attentionDigestReply, escalationDigestReply, type DigestItem } from '../../replies/attention-digest-reply.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { personDestinations } from '../plays/person-destinations.js';
import { peopleOfDestinations } from './people-of-destinations.js';
import { releaseAttention, reserveAttention, type AttentionPolicy } from './attention-ledger.js';

export interface AttentionDeps {
  prisma: PrismaClient;
  notifiers: AlertNotifiers;
  policy: AttentionPolicy;
  logger?: Logger;
}

export type DigestOutcome = 'sent' | 'nothing' | 'no_room' | 'no_destination' | 'failed';

const dayMs = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Sends a person one message with everything waiting for them: alerts held back by their budget,
 * tasks fallen due that were not reminded alone, "your task was escalated". At most one a local
 * day, within the weekly budget; what it carries is marked so nothing is told twice. `summary` is
 * the same message after a backlog (first start, import, new preset).
 */
export async function sendDigest(
  deps: AttentionDeps,
  userId: string,
  now: Date,
  mode: 'digest' | 'summary',
): Promise<DigestOutcome> {
  const { prisma } = deps;
  const all = (await personDestinations(prisma, [userId])).get(userId) ?? [];
  const target = all.find((d) => deps.notifiers[d.channel]);
  if (!target) return 'no_destination';
  const [held, tasks, notices, openTasks] = await Promise.all([
    prisma.alertMessage.findMany({
      where: {
        state: 'DIGEST',
        OR: all.map((d) => ({ channel: d.channel, destination: d.destination })),
        alert: { state: { not: 'RESOLVED' } },
      },
      select: {
        id: true,
        alert: {
          select: { title: true, severity: true, openedAt: true, account: { select: { name: true, arr: true } } },
        },
      },
    }),
    prisma.playTask.findMany({
      where: {
        assigneeId: userId,
        state: { in: ['OPEN', 'AWAITING_APPROVAL'] },
        remindedAt: null,
        dueAt: { lte: now },
        run: { state: 'OPEN' },
      },
      select: {
        id: true,
        runId: true,
        title: true,
        state: true,
        dueAt: true,
        run: { select: { account: { select: { name: true, arr: true } } } },
      },
      take: 500,
    }),
    prisma.attentionNotice.findMany({
      where: { userId, kind: 'escalated', deliveredAt: null },
      select: {
        id: true,
        level: true,
        createdAt: true,
        task: {
          select: {
            title: true,
            run: { select: { account: { select: { name: true, arr: true } } } },
            assignee: { select: { manager: { select: { name: true } } } },
          },
        },
      },
    }),
    prisma.playTask.count({
      where: { assigneeId: userId, state: { in: ['OPEN', 'AWAITING_APPROVAL', 'FAILED'] }, run: { state: 'OPEN' } },
    }),
  ]);
  // Several destinations of one person hold the same alert once.
  const seenAlerts = new Set<string>();
  const ranked: (DigestItem & { rank: Parameters<typeof byUrgency>[0] })[] = [
    ...held
      .filter((m) => !seenAlerts.has(m.alert.title) && seenAlerts.add(m.alert.title))
      .map((m) => ({
        kind: 'alert' as const,
        accountName: m.alert.account.name,
        title: m.alert.title,
        rank: { severity: m.alert.severity, arr: Number(m.alert.account.arr), since: m.alert.openedAt },
      })),
    ...notices.map((n) => ({
      kind: 'escalated' as const,
      accountName: n.task.run.account.name,
      title: n.task.title,
      detail: n.level === 1 ? (n.task.assignee?.manager?.name ?? 'your manager') : `escalation level ${n.level}`,
      rank: { severity: 'CRITICAL' as const, arr: Number(n.task.run.account.arr), since: n.createdAt },
    })),
    ...tasks.map((t) => ({
      kind: t.state === 'AWAITING_APPROVAL' ? ('approval' as const) : ('task' as const),
      accountName: t.run.account.name,
      title: t.title,
      detail: day(t.dueAt),
      rank: { severity: null, arr: Number(t.run.account.arr), since: t.dueAt },
    })),
  ];
  if (!ranked.length) return 'nothing';
  ranked.sort((a, b) => byUrgency(a.rank, b.rank));
  const place = await reserveAttention(
    prisma,
    deps.policy,
    { userId, kind: mode, tier: 'digest', items: ranked.length },
    now,
  );
  if (!place) return 'no_room';
  try {
    await deps.notifiers[target.channel]!.send(
      target.destination,
      attentionDigestReply(
        ranked.map(({ rank: _rank, ...item }) => item),
        { summary: mode === 'summary', openTasks },
      ),
    );
  } catch (error) {
    await releaseAttention(prisma, place);
    deps.logger?.warn({ err: error, userId }, 'digest could not be sent; the next pass tries again');
    return 'failed';
  }
  await prisma.alertMessage.updateMany({
    where: { id: { in: held.map((m) => m.id) }, state: 'DIGEST' },
    data: { state: 'ROLLED_UP', sentAt: now },
  });
  await prisma.playTask.updateMany({
    where: { id: { in: tasks.map((t) => t.id) }, remindedAt: null },
    data: { remindedAt: now },
  });
  if (tasks.length)
    await prisma.playEvent.createMany({
      data: tasks.map((t) => ({
        runId: t.runId,
        taskId: t.id,
        at: now,
        kind: 'reminded',
        detail: { channel: target.channel, digest: true },
      })),
    });
  await prisma.attentionNotice.updateMany({
    where: { id: { in: notices.map((n) => n.id) } },
    data: { deliveredAt: now },
  });
  return 'sent';
}

/**
 * A manager's one escalation message a day: sent when something was escalated to them since the
 * last one, it lists the team's overdue work (their reports' tasks and whatever was escalated to
 * them) grouped by CSM.
 */
export async function sendEscalationDigest(deps: AttentionDeps, managerId: string, now: Date): Promise<DigestOutcome> {
  const { prisma } = deps;
  const fresh = await prisma.attentionNotice.findMany({
    where: { userId: managerId, kind: 'escalation', deliveredAt: null },
    select: { id: true, taskId: true },
  });
  if (!fresh.length) return 'nothing';
  const target = ((await personDestinations(prisma, [managerId])).get(managerId) ?? []).find(
    (d) => deps.notifiers[d.channel],
  );
  if (!target) return 'no_destination';
  const overdue = await prisma.playTask.findMany({
    where: {
      state: 'OPEN',
      kind: 'human',
      dueAt: { lt: now },
      run: { state: 'OPEN' },
      OR: [{ assignee: { managerId } }, { id: { in: fresh.map((n) => n.taskId) } }],
    },
    select: {
      title: true,
      dueAt: true,
      assignee: { select: { name: true } },
      run: { select: { account: { select: { name: true } } } },
    },
    orderBy: { dueAt: 'asc' },
    take: 1_000,
  });
  const byCsm = new Map<string, { accountName: string; title: string; daysOverdue: number }[]>();
  for (const t of overdue) {
    const csm = t.assignee?.name ?? 'Nobody';
    const list = byCsm.get(csm) ?? [];
    list.push({
      accountName: t.run.account.name,
      title: t.title,
      daysOverdue: Math.max(1, Math.floor((now.getTime() - t.dueAt.getTime()) / dayMs)),
    });
    byCsm.set(csm, list);
  }
  const team = [...byCsm.entries()]
    .map(([csm, tasks]) => ({ csm, tasks }))
    .sort((a, b) => b.tasks.length - a.tasks.length || a.csm.localeCompare(b.csm));
  const place = await reserveAttention(
    prisma,
    deps.policy,
    { userId: managerId, kind: 'escalation_digest', tier: 'digest', items: overdue.length },
    now,
  );
  if (!place) return 'no_room';
  try {
    await deps.notifiers[target.channel]!.send(target.destination, escalationDigestReply(team, fresh.length));
  } catch (error) {
    await releaseAttention(prisma, place);
    deps.logger?.warn({ err: error, managerId }, 'escalation digest could not be sent; the next pass tries again');
    return 'failed';
  }
  await prisma.attentionNotice.updateMany({
    where: { id: { in: fresh.map((n) => n.id) } },
    data: { deliveredAt: now },
  });
  return 'sent';
}

/** The daily pass: every person with something waiting gets their digest; every manager with new escalations theirs. */
export async function sendDailyDigests(deps: AttentionDeps, now: Date) {
  const { prisma } = deps;
  const [tasks, notices, held] = await Promise.all([
    prisma.playTask.findMany({
      where: {
        state: { in: ['OPEN', 'AWAITING_APPROVAL'] },
        remindedAt: null,
        dueAt: { lte: now },
        assigneeId: { not: null },
        run: { state: 'OPEN' },
      },
      select: { assigneeId: true },
      distinct: ['assigneeId'],
    }),
    prisma.attentionNotice.findMany({
      where: { deliveredAt: null },
      select: { userId: true, kind: true },
      distinct: ['userId', 'kind'],
    }),
    prisma.alertMessage.findMany({
      where: { state: 'DIGEST', alert: { state: { not: 'RESOLVED' } } },
      select: { channel: true, destination: true },
      distinct: ['channel', 'destination'],
    }),
  ]);
  const heldPeople = await peopleOfDestinations(prisma, held);
  const people = new Set<string>([
    ...tasks.map((t) => t.assigneeId!),
    ...notices.filter((n) => n.kind === 'escalated').map((n) => n.userId),
    ...heldPeople.values(),
  ]);
  const managers = new Set(notices.filter((n) => n.kind === 'escalation').map((n) => n.userId));
  const result = { digests: 0, escalationDigests: 0, waiting: 0 };
  for (const id of people) {
    const outcome = await sendDigest(deps, id, now, 'digest');
    if (outcome === 'sent') result.digests++;
    else if (outcome === 'no_room') result.waiting++;
  }
  for (const id of managers) if ((await sendEscalationDigest(deps, id, now)) === 'sent') result.escalationDigests++;
  return result;
}
