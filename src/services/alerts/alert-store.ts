import { alertThemes, playsForAlert } from '../../core/plays/plays-for-alert.js';
import { loadPlayCatalogue, type PlayCatalogue } from '../plays/play-catalogue.js';
import { startPlaysForAlerts } from '../plays/start-plays-for-alerts.js';
import { whyNoWork } from '../plays/work-people.js';
import {
  alertRoutingSchema,
  routeAlert,
  type AlertRouting,
  type Destination,
} from '../../core/alerts/alert-routing.js';
import type { AlertCandidate, AlertEvidence } from '../../core/alerts/health-alerts.js';
import { readSetting } from '../../db/repositories/settings.js';
import { randomUUID } from 'node:crypto';
import { deliverAfter } from '../../core/alerts/quiet-hours.js';
import type { AlertConfig } from '../../config/config.js';
import type { Prisma, PrismaClient } from '../../db/client.js';
import type { AlertView } from '../../replies/alert-reply.js';
import { appendTo } from '../../core/collections/append-to.js';

export interface AlertPolicyContext {
  config: AlertConfig;
  timeZone: string;
}

const hourMs = 3_600_000;

export const dedupeKeyOf = (accountId: string, kind: string) => `${accountId}:${kind}`;

export const alertRoutingKey = 'alerts.routing';

export interface AlertToOpen {
  accountId: string;
  candidate: AlertCandidate;
}

export type OpenOutcome = 'opened' | 'snoozed' | 'exists' | 'cooldown';

/**
 * Opens alerts unless one with the same key is open (no duplicates) or one resolved within the
 * cooldown; held as snoozed while the account's alerts are snoozed. Queues their messages, delayed
 * past quiet hours, to the destinations of the routing rules (setting `alerts.routing`; default:
 * the owner's DM and TEND_ALERT_SLACK_CHANNEL). One transaction under one lock, in bulk, so
 * concurrent evaluations (several jobs, several replicas) agree and a full portfolio stays fast.
 */
export async function openAlerts(
  prisma: PrismaClient,
  items: readonly AlertToOpen[],
  policy: AlertPolicyContext,
  now: Date,
): Promise<OpenOutcome[]> {
  if (items.length === 0) return [];
  const keys = items.map((i) => dedupeKeyOf(i.accountId, i.candidate.kind));
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tend:alerts:open'))`;
      // Keys and ids go as one array parameter each: a portfolio's worth would exceed the bind limit.
      const accountIds = [...new Set(items.map((i) => i.accountId))];
      const since = new Date(now.getTime() - policy.config.cooldownHours * hourMs);
      const [taken, accounts, stored] = await Promise.all([
        tx.$queryRaw<{ dedupeKey: string; state: string }[]>`
          SELECT "dedupeKey", state::text AS state FROM "Alert"
          WHERE "dedupeKey" = ANY(${keys}::text[]) AND (state <> 'RESOLVED' OR "resolvedAt" > ${since})`,
        tx.$queryRaw<
          {
            id: string;
            segment: string;
            tier: string;
            region: string | null;
            alertsSnoozedUntil: Date | null;
            ownerId: string | null;
            email: string | null;
            slackUserId: string | null;
            active: boolean | null;
            teamsConversation: string | null;
          }[]
        >`
          SELECT a.id, a.segment, a.tier, a.region, a."alertsSnoozedUntil", u.id AS "ownerId", u.email, u."slackUserId", u.active,
                 t.key AS "teamsConversation"
          FROM "Account" a
          LEFT JOIN "User" u ON u.id = a."ownerId"
          LEFT JOIN LATERAL (
            SELECT key FROM "ConversationReference" r
            WHERE r.channel = 'TEAMS' AND r."userId" = u.id ORDER BY r."updatedAt" DESC LIMIT 1
          ) t ON true
          WHERE a.id = ANY(${accountIds}::uuid[])`,
        readSetting(tx, alertRoutingKey),
      ]);
      const open = taken.filter((t) => t.state !== 'RESOLVED');
      const recent = taken.filter((t) => t.state === 'RESOLVED');
      const openKeys = new Set(open.map((a) => a.dedupeKey));
      const coolingKeys = new Set(recent.map((a) => a.dedupeKey));
      const byId = new Map(accounts.map((a) => [a.id, a]));
      // An owner who is a client contact too (services/access/identity.ts) is not sent the alert.
      const refused = await whyNoWork(tx, [...new Set(accounts.map((a) => a.ownerId).filter((id) => id !== null))]);
      const routing: AlertRouting = stored
        ? alertRoutingSchema.parse(stored)
        : {
            alwaysOwner: true,
            rules: policy.config.slackChannel ? [{ when: {}, send: [{ slack: policy.config.slackChannel }] }] : [],
          };
      const at = deliverAfter(now, policy.config.quietHours, policy.timeZone);
      const alerts: Prisma.AlertCreateManyInput[] = [];
      const messages: Prisma.AlertMessageCreateManyInput[] = [];
      const opened: OpenedAlert[] = [];
      const outcomes = items.map((item, i): OpenOutcome => {
        const key = keys[i]!;
        if (openKeys.has(key)) return 'exists';
        if (coolingKeys.has(key)) return 'cooldown';
        const account = byId.get(item.accountId)!;
        const snoozed =
          account.alertsSnoozedUntil && account.alertsSnoozedUntil > now ? account.alertsSnoozedUntil : null;
        const id = randomUUID();
        openKeys.add(key);
        alerts.push({
          id,
          accountId: item.accountId,
          kind: item.candidate.kind,
          severity: item.candidate.severity,
          state: snoozed ? 'SNOOZED' : 'OPEN',
          dedupeKey: key,
          title: item.candidate.title,
          evidence: item.candidate.evidence as unknown as Prisma.InputJsonValue,
          openedAt: now,
          snoozedUntil: snoozed,
        });
        const targets: Destination[] = routeAlert(
          {
            kind: item.candidate.kind,
            severity: item.candidate.severity,
            account: { segment: account.segment, tier: account.tier, region: account.region },
            ...(account.active && account.email && account.ownerId && !refused.get(account.ownerId)
              ? {
                  owner: {
                    email: account.email,
                    slackUserId: account.slackUserId,
                    teamsConversation: account.teamsConversation,
                  },
                }
              : {}),
          },
          routing,
        );
        opened.push({ alert: alerts.at(-1)!, targets, deliverAfter: snoozed ?? at });
        return snoozed ? 'snoozed' : 'opened';
      });
      for (const o of foldPerAccount(opened))
        for (const t of o.targets)
          messages.push({
            alertId: o.alert.id!,
            channel: t.channel,
            destination: t.destination,
            deliverAfter: o.deliverAfter,
          });
      for (let i = 0; i < alerts.length; i += 2_000) await tx.alert.createMany({ data: alerts.slice(i, i + 2_000) });
      await startPlaysForAlerts(
        tx,
        alerts.filter((a) => a.state === 'OPEN').map((a) => ({ id: a.id!, accountId: a.accountId, kind: a.kind })),
        now,
      );
      for (let i = 0; i < messages.length; i += 2_000)
        await tx.alertMessage.createMany({ data: messages.slice(i, i + 2_000), skipDuplicates: true });
      return outcomes;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export interface OpenedAlert {
  alert: Prisma.AlertCreateManyInput;
  targets: Destination[];
  deliverAfter: Date;
}

const severityRank = { CRITICAL: 3, WARNING: 2, INFO: 1 } as const;
const kindRank = (kind: string) =>
  kind === 'at_risk' ? 0 : kind === 'sharp_drop' ? 1 : kind.startsWith('signal:') ? 2 : 3;

/**
 * One change, one message per account: of the alerts one evaluation opens for an account, the most
 * severe carries the message and names the others ("Also raised by this change"); an alert going
 * somewhere the lead one does not keeps its own message. Every alert is still stored, to ack or claim.
 */
export function foldPerAccount(opened: OpenedAlert[]): OpenedAlert[] {
  const byAccount = new Map<string, OpenedAlert[]>();
  for (const o of opened) appendTo(byAccount, o.alert.accountId, o);
  const out: OpenedAlert[] = [];
  for (const group of byAccount.values()) {
    const [lead, ...rest] = [...group].sort(
      (a, b) =>
        severityRank[b.alert.severity!] - severityRank[a.alert.severity!] ||
        kindRank(a.alert.kind) - kindRank(b.alert.kind),
    );
    const leadTargets = new Set(lead!.targets.map((t) => `${t.channel}:${t.destination}`));
    const folded: string[] = [];
    for (const o of rest) {
      if (
        o.targets.every((t) => leadTargets.has(`${t.channel}:${t.destination}`)) &&
        o.deliverAfter <= lead!.deliverAfter
      )
        folded.push(o.alert.title);
      else out.push(o);
    }
    if (folded.length) {
      const evidence = lead!.alert.evidence as unknown as AlertEvidence;
      lead!.alert.evidence = { ...evidence, alsoRaised: folded } as unknown as Prisma.InputJsonValue;
    }
    out.push(lead!);
  }
  return out;
}

/** One alert; see openAlerts. */
export async function openAlert(
  prisma: PrismaClient,
  item: AlertToOpen,
  policy: AlertPolicyContext,
  now: Date,
): Promise<OpenOutcome> {
  return (await openAlerts(prisma, [item], policy, now))[0]!;
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

/** An alert as its message shows it; `plays` lets a delivery pass read the play catalogue once. */
export async function alertView(
  prisma: PrismaClient,
  alertId: string,
  plays?: Promise<PlayCatalogue> | PlayCatalogue,
): Promise<AlertView> {
  const a = await prisma.alert.findUniqueOrThrow({
    where: { id: alertId },
    include: {
      account: { select: { name: true, owner: { select: { name: true } } } },
      assignee: { select: { name: true } },
    },
  });
  const evidence = a.evidence as (AlertEvidence & { resolution?: string }) | null;
  const named = playsForAlert(a.kind, (await (plays ?? loadPlayCatalogue(prisma))).plays, alertThemes(a.evidence))[0]
    ?.play;
  const running = named
    ? await prisma.playRun.findUnique({ where: { openKey: `${a.accountId}:${named.id}` }, select: { id: true } })
    : null;
  return {
    ...(named ? { play: { id: named.id, name: named.name, running: !!running } } : {}),
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
