import {
  alertRoutingSchema,
  routeAlert,
  type AlertRouting,
  type Destination,
} from '../../core/alerts/alert-routing.js';
import type { AlertCandidate, AlertEvidence, AlertSeverity } from '../../core/alerts/health-alerts.js';
import { readSetting } from '../../db/repositories/settings.js';
import { deliverAfter } from '../../core/alerts/quiet-hours.js';
import type { AlertConfig } from '../../config/config.js';
import type { Prisma, PrismaClient } from '../../db/client.js';
import type { AlertView } from './alert-reply.js';

export interface AlertPolicyContext {
  config: AlertConfig;
  timeZone: string;
}

const hourMs = 3_600_000;

export const dedupeKeyOf = (accountId: string, kind: string) => `${accountId}:${kind}`;

/** Where an alert goes: the routing rules (setting `alerts.routing`), else the owner and the alert channel. */
async function destinations(
  tx: Prisma.TransactionClient,
  accountId: string,
  alert: { kind: string; severity: AlertSeverity },
  config: AlertConfig,
): Promise<Destination[]> {
  const account = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      segment: true,
      tier: true,
      region: true,
      owner: { select: { email: true, slackUserId: true, active: true } },
    },
  });
  const stored = await readSetting(tx, alertRoutingKey);
  const routing: AlertRouting = stored
    ? alertRoutingSchema.parse(stored)
    : { alwaysOwner: true, rules: config.slackChannel ? [{ when: {}, send: [{ slack: config.slackChannel }] }] : [] };
  return routeAlert(
    {
      kind: alert.kind,
      severity: alert.severity,
      account: { segment: account.segment, tier: account.tier, region: account.region },
      ...(account.owner?.active
        ? { owner: { email: account.owner.email, slackUserId: account.owner.slackUserId } }
        : {}),
    },
    routing,
  );
}

export const alertRoutingKey = 'alerts.routing';

/**
 * Opens an alert unless one with the same key is open (no duplicates), or one resolved within the
 * cooldown; held as snoozed while the account's alerts are snoozed. Queues its messages, delayed
 * past quiet hours. The key is locked for the transaction, so concurrent evaluations agree.
 */
export async function openAlert(
  prisma: PrismaClient,
  input: { accountId: string; candidate: AlertCandidate; keyKind?: string },
  policy: AlertPolicyContext,
  now: Date,
): Promise<'opened' | 'snoozed' | 'exists' | 'cooldown'> {
  const key = dedupeKeyOf(input.accountId, input.keyKind ?? input.candidate.kind);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const existing = await tx.alert.findFirst({
      where: { dedupeKey: key, state: { not: 'RESOLVED' } },
      select: { id: true },
    });
    if (existing) return 'exists';
    const recent = await tx.alert.findFirst({
      where: {
        dedupeKey: key,
        state: 'RESOLVED',
        resolvedAt: { gt: new Date(now.getTime() - policy.config.cooldownHours * hourMs) },
      },
      select: { id: true },
    });
    if (recent) return 'cooldown';
    const account = await tx.account.findUniqueOrThrow({
      where: { id: input.accountId },
      select: { alertsSnoozedUntil: true },
    });
    const snoozed = account.alertsSnoozedUntil && account.alertsSnoozedUntil > now ? account.alertsSnoozedUntil : null;
    const alert = await tx.alert.create({
      data: {
        accountId: input.accountId,
        kind: input.candidate.kind,
        severity: input.candidate.severity,
        state: snoozed ? 'SNOOZED' : 'OPEN',
        dedupeKey: key,
        title: input.candidate.title,
        evidence: input.candidate.evidence as unknown as Prisma.InputJsonValue,
        openedAt: now,
        snoozedUntil: snoozed,
      },
      select: { id: true },
    });
    const at = deliverAfter(now, policy.config.quietHours, policy.timeZone);
    const targets = await destinations(tx, input.accountId, input.candidate, policy.config);
    if (targets.length)
      await tx.alertMessage.createMany({
        data: targets.map((t) => ({
          alertId: alert.id,
          channel: t.channel,
          destination: t.destination,
          deliverAfter: snoozed ?? at,
        })),
        skipDuplicates: true,
      });
    return snoozed ? 'snoozed' : 'opened';
  });
}

/** Resolves an open alert; returns its id when it was open (its messages then need an update). */
export async function resolveAlert(
  prisma: PrismaClient,
  alertId: string,
  now: Date,
  resolution: string,
): Promise<boolean> {
  const updated = await prisma.alert.updateMany({
    where: { id: alertId, state: { not: 'RESOLVED' } },
    data: { state: 'RESOLVED', resolvedAt: now },
  });
  if (updated.count) {
    const alert = await prisma.alert.findUniqueOrThrow({ where: { id: alertId }, select: { evidence: true } });
    const evidence = { ...(alert.evidence as object), resolution };
    await prisma.alert.update({ where: { id: alertId }, data: { evidence } });
    // A message still waiting (quiet hours, snooze) is not worth sending any more.
    await prisma.alertMessage.deleteMany({ where: { alertId, state: 'PENDING' } });
  }
  return updated.count === 1;
}

export async function openAlertsOf(
  prisma: PrismaClient,
  accountIds: string[] | undefined,
  kinds: (kind: string) => boolean,
) {
  const rows = await prisma.alert.findMany({
    where: { state: { not: 'RESOLVED' }, ...(accountIds ? { accountId: { in: accountIds } } : {}) },
    select: { id: true, accountId: true, kind: true, dedupeKey: true },
  });
  return rows.filter((r) => kinds(r.kind));
}

export async function alertView(prisma: PrismaClient, alertId: string): Promise<AlertView> {
  const a = await prisma.alert.findUniqueOrThrow({
    where: { id: alertId },
    include: {
      account: { select: { name: true, owner: { select: { name: true } } } },
      assignee: { select: { name: true } },
    },
  });
  const evidence = a.evidence as (AlertEvidence & { resolution?: string }) | null;
  return {
    id: a.id,
    title: a.title,
    severity: a.severity,
    state: a.state,
    evidence,
    accountName: a.account.name,
    owner: a.account.owner?.name ?? null,
    assignee: a.assignee?.name ?? null,
    openedAt: a.openedAt,
    snoozedUntil: a.snoozedUntil,
    resolvedAt: a.resolvedAt,
    escalationLevel: a.escalationLevel,
    ...(evidence?.resolution ? { resolution: evidence.resolution } : {}),
  };
}
