import type { PrismaClient } from '../../db/client.js';
import type { AlertPolicyContext } from './alert-store.js';

const hourMs = 3_600_000;

/**
 * Critical alerts nobody acknowledged or claimed move up a level every `escalateAfterHours`: level 1
 * to the owner's manager, level 2 to Tend admins (the BY MB strategic path's account manager ->
 * leadership, and BIS L2/L3, mapped to the people Tend knows). Escalation ignores quiet hours.
 */
export async function escalateAlerts(prisma: PrismaClient, policy: AlertPolicyContext, now: Date): Promise<string[]> {
  const after = policy.config.escalateAfterHours * hourMs;
  const candidates = await prisma.alert.findMany({
    where: { severity: 'CRITICAL', state: 'OPEN', claimedAt: null, acknowledgedAt: null, escalationLevel: { lt: 2 } },
    select: {
      id: true,
      openedAt: true,
      escalationLevel: true,
      account: { select: { owner: { select: { manager: { select: { slackUserId: true, active: true } } } } } },
    },
  });
  const escalated: string[] = [];
  for (const alert of candidates) {
    const level = alert.escalationLevel + 1;
    if (alert.openedAt.getTime() + level * after > now.getTime()) continue;
    const people =
      level === 1
        ? [alert.account.owner?.manager].filter((m) => m?.active && m.slackUserId).map((m) => m!.slackUserId!)
        : (
            await prisma.user.findMany({
              where: { role: 'ADMIN', active: true, slackUserId: { not: null } },
              select: { slackUserId: true },
            })
          ).map((u) => u.slackUserId!);
    const moved = await prisma.alert.updateMany({
      where: { id: alert.id, escalationLevel: alert.escalationLevel, state: 'OPEN' },
      data: { escalationLevel: level, escalatedAt: now },
    });
    if (!moved.count) continue;
    if (people.length)
      await prisma.alertMessage.createMany({
        data: people.map((destination) => ({
          alertId: alert.id,
          channel: 'SLACK' as const,
          destination,
          deliverAfter: now,
        })),
        skipDuplicates: true,
      });
    escalated.push(alert.id);
  }
  return escalated;
}

/** Snoozes that have ended: the alert is open again and its waiting messages go out. */
export async function wakeSnoozedAlerts(prisma: PrismaClient, now: Date): Promise<string[]> {
  const due = await prisma.alert.findMany({
    where: { state: 'SNOOZED', snoozedUntil: { lte: now } },
    select: { id: true },
  });
  if (!due.length) return [];
  await prisma.alert.updateMany({
    where: { id: { in: due.map((a) => a.id) }, state: 'SNOOZED' },
    data: { state: 'OPEN' },
  });
  return due.map((a) => a.id);
}
