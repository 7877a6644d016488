import { z } from 'zod';
import type { PrismaClient } from '../../db/client.js';
import { readSetting } from '../../db/repositories/settings.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { mayTakeWork } from '../plays/work-people.js';
import type { AlertPolicyContext } from './alert-store.js';

const hourMs = 3_600_000;

export const escalationPeopleKey = 'alerts.escalationPeople';

/** Who holds each role of the escalation path: `{ "Head of Customer Success": ["dana@corp.example"] }`. */
export const escalationPeopleSchema = z.record(z.string().min(1), z.array(z.string().email()).min(1));

/**
 * Critical alerts nobody acknowledged or claimed climb the workspace's escalation path (the BY MB
 * strategic path by default: CSM -> Head of CS -> Director -> COO -> CEO), one step every
 * `escalateAfterHours`. Each step notifies the people configured for its role (setting
 * `alerts.escalationPeople`, `tend alerts escalation set`); without any, step 2 is the owner's
 * manager and later steps Tend's admins. Escalation ignores quiet hours.
 */
export async function escalateAlerts(prisma: PrismaClient, policy: AlertPolicyContext, now: Date): Promise<string[]> {
  const after = policy.config.escalateAfterHours * hourMs;
  const catalogue = await loadPresetCatalogue(prisma);
  const paths = catalogue.get(catalogue.profile.escalation).escalationPaths ?? [];
  const path = paths.find((p) => p.key === 'strategic') ?? paths[0];
  const steps = [...(path?.steps ?? [])].sort((a, b) => a.level - b.level);
  const maxLevel = Math.max(2, steps.length - 1);
  const stored = await readSetting(prisma, escalationPeopleKey);
  const people = stored ? escalationPeopleSchema.parse(stored) : {};
  const candidates = await prisma.alert.findMany({
    where: {
      severity: 'CRITICAL',
      state: 'OPEN',
      claimedAt: null,
      acknowledgedAt: null,
      escalationLevel: { lt: maxLevel },
    },
    select: {
      id: true,
      openedAt: true,
      escalationLevel: true,
      account: {
        select: { owner: { select: { manager: { select: { id: true, slackUserId: true, active: true } } } } },
      },
    },
  });
  const escalated: string[] = [];
  for (const alert of candidates) {
    const level = alert.escalationLevel + 1;
    if (alert.openedAt.getTime() + level * after > now.getTime()) continue;
    // Level 1 of the escalation is step 2 of the path: step 1 is the owner, who has the alert already.
    const role = steps[level]?.role;
    const configured = role ? people[role] : undefined;
    const chosen = configured
      ? await prisma.user.findMany({
          where: { email: { in: configured.map((e) => e.toLowerCase()) }, active: true, slackUserId: { not: null } },
          select: { id: true, slackUserId: true },
        })
      : level === 1
        ? [alert.account.owner?.manager].filter((m) => !!m && m.active && !!m.slackUserId).map((m) => m!)
        : await prisma.user.findMany({
            where: { role: 'ADMIN', active: true, slackUserId: { not: null } },
            select: { id: true, slackUserId: true },
          });
    // A client contact is never escalated to, whatever their Tend role (resolvePeople).
    const allowed = new Set(
      await mayTakeWork(
        prisma,
        chosen.map((p) => p.id),
      ),
    );
    const targets = chosen.filter((p) => allowed.has(p.id)).map((p) => p.slackUserId!);
    const moved = await prisma.alert.updateMany({
      where: { id: alert.id, escalationLevel: alert.escalationLevel, state: 'OPEN' },
      data: { escalationLevel: level, escalatedAt: now },
    });
    if (!moved.count) continue;
    if (targets.length)
      await prisma.alertMessage.createMany({
        data: targets.map((destination) => ({
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
