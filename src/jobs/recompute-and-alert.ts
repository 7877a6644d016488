import type { AlertPolicyContext } from '../services/alerts/alert-store.js';
import { deliverAlerts, refreshAlertMessages } from '../services/alerts/deliver-alerts.js';
import { evaluateHealthAlerts } from '../services/alerts/evaluate-health-alerts.js';
import { recomputeHealth } from '../services/scoring/recompute-health.js';
import type { JobDeps } from './job.js';

export const policyOf = (deps: JobDeps): AlertPolicyContext => ({
  config: deps.config.alerts,
  timeZone: deps.config.scheduleTimeZone,
});

/**
 * Scores accounts (all, or the given ones), opens and resolves their health alerts, and sends what
 * opened at once rather than at the next delivery tick (messages are claimed one by one, so the
 * delivery job running at the same time sends nothing twice).
 */
export async function recomputeAndAlert(
  deps: JobDeps,
  now: Date,
  options: { mode: 'all' } | { mode: 'changed'; accountIds: string[] },
) {
  const recomputed = await recomputeHealth(deps.prisma, {
    now,
    mode: options.mode,
    ...(options.mode === 'changed' ? { accountIds: options.accountIds } : {}),
  });
  for (const f of recomputed.failed)
    deps.logger.error({ accountId: f.accountId, account: f.name, error: f.error }, 'could not score an account');
  const alerts =
    options.mode === 'changed' && recomputed.scored === 0
      ? undefined
      : await evaluateHealthAlerts(deps.prisma, policyOf(deps), {
          now,
          ...(options.mode === 'changed' ? { accountIds: recomputed.accountIds } : {}),
        });
  if (alerts) for (const id of alerts.resolved) await refreshAlertMessages(deps, id);
  const delivered =
    alerts && alerts.opened > 0 ? await deliverAlerts({ ...deps, policy: policyOf(deps) }, now) : undefined;
  return {
    scored: recomputed.scored,
    ...(recomputed.failed.length ? { failed: recomputed.failed.map((f) => `${f.name}: ${f.error}`) } : {}),
    bandChanges: recomputed.bandChanges.length,
    ...(alerts ? { opened: alerts.opened, resolved: alerts.resolved.length, snoozed: alerts.snoozed } : {}),
    ...(delivered ? { delivered } : {}),
  };
}
