import type { PrismaClient } from '../../db/client.js';
import { readSetting } from '../../db/repositories/settings.js';
import { escalationPeopleKey, escalationPeopleSchema } from '../alerts/escalate-alerts.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { loadPlayCatalogue } from './play-catalogue.js';
import { taskSelect } from './play-views.js';
import { recordTaskEvent } from './task-access.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { mayTakeWork } from './work-people.js';

const hourMs = 3_600_000;

/**
 * A person's task still open `afterHours` past its due time climbs one level, as unhandled alerts do
 * (the same escalation people, `tend alerts escalation set`): level 1 is the assignee's manager,
 * level 2 the next role of the play's escalation path (the workspace's path when the play names
 * none), falling back to Tend's admins. Each level is taken with a conditional update, so replicas
 * escalate once. Nobody is messaged here: each level leaves a notice for the daily digests
 * (`sendDailyDigests`), so a manager gets one message a day however many tasks climbed. Nobody who
 * may not take work (mayTakeWork: a client contact, a guest) gets a notice; when that leaves no one,
 * the admins who may do.
 */
export async function escalateOverdueTasks(
  prisma: PrismaClient,
  afterHours: number,
  now: Date,
  /** Asked whether a Tend user is a guest in chat (Slack); without them, the book's contacts still count. */
  notifiers: AlertNotifiers = {},
): Promise<{ escalated: number }> {
  const candidates = await prisma.playTask.findMany({
    where: {
      kind: 'human',
      state: 'OPEN',
      escalationLevel: { lt: 2 },
      dueAt: { lt: new Date(now.getTime() - afterHours * hourMs) },
      run: { state: 'OPEN' },
    },
    select: {
      ...taskSelect,
      assigneeId: true,
      escalationLevel: true,
      assignee: { select: { name: true, managerId: true } },
      run: { select: { playId: true, account: { select: { name: true, owner: { select: { managerId: true } } } } } },
    },
    take: 2_000,
  });
  if (!candidates.length) return { escalated: 0 };
  const [plays, presets, stored, admins] = await Promise.all([
    loadPlayCatalogue(prisma),
    loadPresetCatalogue(prisma),
    readSetting(prisma, escalationPeopleKey),
    prisma.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true } }),
  ]);
  const people = stored ? escalationPeopleSchema.parse(stored) : {};
  const paths = [...presets.presets.values()].flatMap((p) => p.escalationPaths ?? []);
  const workspacePath = presets.get(presets.profile.escalation).escalationPaths?.[0]?.key;
  let escalated = 0;
  for (const t of candidates) {
    const level = t.escalationLevel + 1;
    // Level n waits n periods past due: a manager first, a more senior role a period later.
    if (t.dueAt.getTime() + level * afterHours * hourMs > now.getTime()) continue;
    const play = plays.find(t.run.playId);
    const path = paths.find((p) => p.key === (play?.escalationPath ?? workspacePath));
    const role = [...(path?.steps ?? [])].sort((a, b) => a.level - b.level)[level]?.role;
    const roleEmails = level > 1 && role ? people[role] : undefined;
    const chosen =
      level === 1 && (t.assignee?.managerId ?? t.run.account.owner?.managerId)
        ? [(t.assignee?.managerId ?? t.run.account.owner?.managerId)!]
        : roleEmails
          ? (
              await prisma.user.findMany({
                where: { email: { in: roleEmails.map((e) => e.toLowerCase()) }, active: true },
                select: { id: true },
              })
            ).map((u) => u.id)
          : admins.map((a) => a.id);
    const allowed = await mayTakeWork(prisma, [...chosen, ...(t.assigneeId ? [t.assigneeId] : [])], notifiers);
    const told = chosen.filter((id) => allowed.includes(id));
    const recipients = told.length
      ? told
      : await mayTakeWork(
          prisma,
          admins.map((a) => a.id),
          notifiers,
        );
    const moved = await prisma.playTask.updateMany({
      where: { id: t.id, escalationLevel: t.escalationLevel, state: 'OPEN' },
      data: { escalationLevel: level, escalatedAt: now },
    });
    if (!moved.count) continue;
    escalated++;
    // Told in the next daily digests, not one message per task: the recipients in one escalation
    // digest with the team's overdue work by CSM, the assignee in theirs ("escalated to ...").
    await prisma.attentionNotice.createMany({
      data: [
        ...recipients.map((userId) => ({ userId, kind: 'escalation', taskId: t.id, level, createdAt: now })),
        // The assignee hears of it only if they may take work (never a client contact or a guest).
        ...(t.assigneeId && allowed.includes(t.assigneeId)
          ? [{ userId: t.assigneeId, kind: 'escalated', taskId: t.id, level, createdAt: now }]
          : []),
      ],
      skipDuplicates: true,
    });
    await recordTaskEvent(prisma, {
      runId: t.runId,
      taskId: t.id,
      at: now,
      actor: null,
      kind: 'escalated',
      detail: { level, role: role ?? null, toldInDigest: recipients },
    });
  }
  return { escalated };
}
