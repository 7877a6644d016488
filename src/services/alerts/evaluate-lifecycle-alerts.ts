import { cadenceAlert, isRenewalKind, renewalAlert } from '../../core/alerts/lifecycle-alerts.js';
import { isoDay } from '../../core/lifecycle/calendar.js';
import { cadenceStatus } from '../../core/lifecycle/cadence-status.js';
import { renewalStatus } from '../../core/lifecycle/renewal-milestones.js';
import type { PrismaClient } from '../../db/client.js';
import { latestSnapshots } from '../../db/repositories/health-snapshots.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { storedScore } from '../scoring/recompute-health.js';
import { openAlerts, openAlertsOf, resolveAlert, type AlertPolicyContext, type AlertToOpen } from './alert-store.js';

const dayMs = 86_400_000;

/**
 * Renewal reminders (the milestone in progress, with its reference tasks) or overdue touchpoints
 * (per the workspace's cadence preset) for every active account; reminders for a passed milestone
 * and touchpoint alerts whose touchpoint was logged are resolved.
 */
export async function evaluateLifecycleAlerts(
  prisma: PrismaClient,
  policy: AlertPolicyContext,
  options: { now: Date; part: 'renewals' | 'cadence' },
): Promise<{ opened: number; resolved: string[] }> {
  const { now } = options;
  const catalogue = await loadPresetCatalogue(prisma);
  const accounts = await prisma.account.findMany({
    where: { status: 'ACTIVE' },
    select: { id: true, name: true, tier: true, segment: true, renewalDate: true, contractStart: true },
  });
  const ids = accounts.map((a) => a.id);
  const snapshots = await latestSnapshots(prisma, ids, new Date(now.getTime() + 1));
  const scoreOf = (id: string) => {
    const s = storedScore(snapshots.get(id)?.explanation);
    return s ? { overall: s.overall, band: s.band.label, atRisk: s.band.atRisk } : undefined;
  };
  const owns = options.part === 'renewals' ? isRenewalKind : (kind: string) => kind === 'touchpoint_overdue';
  const open = await openAlertsOf(prisma, undefined, owns);
  const wanted = new Set<string>();
  const toOpen: AlertToOpen[] = [];

  if (options.part === 'renewals') {
    const milestones = catalogue.get(catalogue.profile.renewals).renewalMilestones;
    for (const a of accounts) {
      if (!milestones || !a.renewalDate) continue;
      const score = scoreOf(a.id);
      const candidate = renewalAlert({
        accountName: a.name,
        renewal: renewalStatus(milestones, isoDay(a.renewalDate), now),
        ...(score ? { score } : {}),
      });
      if (!candidate) continue;
      wanted.add(`${a.id}:${candidate.kind}`);
      toOpen.push({ accountId: a.id, candidate });
    }
  } else {
    const cadence = catalogue.get(catalogue.profile.cadence).cadence;
    const activities = cadence
      ? await prisma.activity.findMany({
          where: { accountId: { in: ids }, occurredAt: { gte: new Date(now.getTime() - 400 * dayMs), lte: now } },
          select: { accountId: true, kind: true, occurredAt: true },
          orderBy: { occurredAt: 'asc' },
        })
      : [];
    const byAccount = new Map<string, { kind: string; occurredAt: string }[]>();
    for (const act of activities)
      byAccount.set(act.accountId, [
        ...(byAccount.get(act.accountId) ?? []),
        { kind: act.kind, occurredAt: act.occurredAt.toISOString() },
      ]);
    for (const a of accounts) {
      if (!cadence) break;
      const status = cadenceStatus(
        cadence,
        { tier: a.tier, segment: a.segment, ...(a.contractStart ? { contractStart: isoDay(a.contractStart) } : {}) },
        byAccount.get(a.id) ?? [],
        now,
      );
      if (!status) continue;
      const score = scoreOf(a.id);
      const candidate = cadenceAlert({ accountName: a.name, cadence: status, ...(score ? { score } : {}) });
      if (!candidate) continue;
      wanted.add(`${a.id}:${candidate.kind}`);
      toOpen.push({ accountId: a.id, candidate });
    }
  }
  const opened = (await openAlerts(prisma, toOpen, policy, now)).filter((o) => o === 'opened').length;
  const resolved: string[] = [];
  for (const alert of open) {
    if (wanted.has(alert.dedupeKey)) continue;
    const why = options.part === 'renewals' ? 'the next milestone has begun' : 'the touchpoints are up to date';
    if (await resolveAlert(prisma, alert.id, now, why)) resolved.push(alert.id);
  }
  return { opened, resolved };
}
