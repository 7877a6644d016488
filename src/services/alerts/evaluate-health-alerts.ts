import { dataGapAlert, healthAlerts, isHealthAlertKind, signalAlerts } from '../../core/alerts/health-alerts.js';
import { isInsufficient } from '../../core/scoring/data-sufficiency.js';
import { sourcesFedOf, staleSourcesOf } from '../ingest/account-freshness.js';
import type { Signal } from '../../core/signals/evaluate-triggers.js';
import type { PrismaClient } from '../../db/client.js';
import { latestSnapshots } from '../../db/repositories/health-snapshots.js';
import { storedScore } from '../scoring/recompute-health.js';
import {
  dedupeKeyOf,
  openAlerts,
  openAlertsOf,
  resolveAlert,
  type AlertPolicyContext,
  type AlertToOpen,
} from './alert-store.js';

const dayMs = 86_400_000;

export interface AlertEvaluation {
  accounts: number;
  opened: number;
  snoozed: number;
  resolved: string[];
  unchanged: number;
}

/**
 * Compares each account's latest snapshot with the one `dropDays` older and opens the alerts the
 * core calls for (at risk, sharp drop, trigger signals); open ones whose condition has cleared are
 * resolved. Idempotent: evaluating twice opens nothing new.
 */
export async function evaluateHealthAlerts(
  prisma: PrismaClient,
  policy: AlertPolicyContext,
  options: { now: Date; accountIds?: string[] },
): Promise<AlertEvaluation> {
  const { now } = options;
  const ids =
    options.accountIds ??
    (await prisma.account.findMany({ where: { status: 'ACTIVE' }, select: { id: true } })).map((a) => a.id);
  const [current, baseline, names, open, stale, fed] = await Promise.all([
    latestSnapshots(prisma, ids, new Date(now.getTime() + 1)),
    latestSnapshots(prisma, ids, new Date(now.getTime() - policy.config.dropDays * dayMs + 1)),
    prisma.account.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, status: true } }),
    openAlertsOf(prisma, options.accountIds, isHealthAlertKind),
    staleSourcesOf(prisma, ids, now),
    sourcesFedOf(prisma, ids),
  ]);
  const result: AlertEvaluation = { accounts: 0, opened: 0, snoozed: 0, resolved: [], unchanged: 0 };
  const wanted = new Set<string>();
  const toOpen: AlertToOpen[] = [];
  for (const account of names) {
    if (account.status !== 'ACTIVE') continue;
    const snapshot = current.get(account.id);
    if (snapshot && isInsufficient(snapshot.explanation)) {
      // No score is no news about health: open alerts stay as they were, the owner hears of the gap once.
      result.accounts++;
      for (const alert of open) if (alert.accountId === account.id) wanted.add(alert.dedupeKey);
      const gap = snapshot.explanation;
      const candidates = [
        dataGapAlert(account.name, gap),
        // Triggers on the data there is (usage below a threshold) still speak; none reads the score.
        ...signalAlerts(account.name, (snapshot.signals as Signal[] | null) ?? [], {
          dataAsOf: gap.newestData,
          score: null,
          band: 'not enough data',
          whatChanged: gap.text,
          ...(fed.has(account.id) ? { sources: fed.get(account.id)! } : {}),
        }),
      ];
      for (const candidate of candidates) {
        wanted.add(dedupeKeyOf(account.id, candidate.kind));
        toOpen.push({ accountId: account.id, candidate });
      }
      continue;
    }
    const score = snapshot && storedScore(snapshot.explanation);
    if (!score) continue;
    result.accounts++;
    const before = baseline.get(account.id);
    const previous = before && storedScore(before.explanation);
    const candidates = healthAlerts(
      {
        accountName: account.name,
        current: score,
        signals: (snapshot.signals as Signal[] | null) ?? [],
        ...(previous ? { baseline: previous } : {}),
        ...(stale.has(account.id) ? { staleSources: stale.get(account.id)! } : {}),
        ...(fed.has(account.id) ? { sources: fed.get(account.id)! } : {}),
      },
      { dropPoints: policy.config.dropPoints, dropDays: policy.config.dropDays },
    );
    for (const candidate of candidates) {
      wanted.add(dedupeKeyOf(account.id, candidate.kind));
      toOpen.push({ accountId: account.id, candidate });
    }
  }
  for (const outcome of await openAlerts(prisma, toOpen, policy, now)) {
    if (outcome === 'opened') result.opened++;
    else if (outcome === 'snoozed') result.snoozed++;
    else result.unchanged++;
  }
  const evaluated = new Set(names.filter((a) => current.has(a.id)).map((a) => a.id));
  for (const alert of open) {
    if (!evaluated.has(alert.accountId) || wanted.has(alert.dedupeKey)) continue;
    const score = storedScore(current.get(alert.accountId)!.explanation);
    const resolution = score ? `now ${score.overall} (${score.band.label})` : 'condition cleared';
    if (await resolveAlert(prisma, alert.id, now, resolution)) result.resolved.push(alert.id);
  }
  return result;
}
