import { pruneDeliveries } from '../db/repositories/processed-deliveries.js';
import { forgetAnsweredMessages } from '../services/chat/answer-feedback.js';
import { forgetExpiredSubjects } from '../services/chat/conversation-memory.js';
import { pruneIngestState } from '../services/ingest/prune-ingest-state.js';
import { notifyAdmins } from '../services/ingest/notify-admins.js';
import { configuredConnectors } from '../connectors/configured-connectors.js';
import { configuredCrmTasks } from '../connectors/configured-crm-tasks.js';
import { syncSource } from '../connectors/sync-source.js';
import { deriveChurnOutcomes } from '../services/outcomes/derive-churn-outcomes.js';
import { deliverAlerts, refreshAlertMessages } from '../services/alerts/deliver-alerts.js';
import { escalateAlerts, wakeSnoozedAlerts } from '../services/alerts/escalate-alerts.js';
import { evaluateLifecycleAlerts } from '../services/alerts/evaluate-lifecycle-alerts.js';
import { dispatchSurveys } from '../services/surveys/dispatch-surveys.js';
import { closeSucceededRuns } from '../services/plays/close-succeeded-runs.js';
import { escalateOverdueTasks } from '../services/plays/escalate-overdue-tasks.js';
import { remindDueTasks } from '../services/plays/remind-due-tasks.js';
import { syncCrmTasks } from '../services/plays/sync-crm-tasks.js';
import type { JobDefinition, JobDeps } from './job.js';
import type { AttentionPolicy } from '../services/attention/attention-ledger.js';
import { sendDailyDigests } from '../services/attention/send-digest.js';
import { policyOf, recomputeAndAlert } from './recompute-and-alert.js';
import { sweepChanged } from './live-recompute.js';
import { sendWeeklyDigests } from './weekly-digest-job.js';

const attentionOf = (deps: JobDeps): AttentionPolicy => ({
  weeklyBudget: deps.config.alerts.weeklyBudget,
  timeZone: deps.config.scheduleTimeZone,
});

async function refreshAll(deps: JobDeps, alertIds: string[]) {
  for (const id of alertIds) await refreshAlertMessages(deps, id);
}

async function lifecycleAlerts(deps: JobDeps, now: Date, part: 'renewals' | 'cadence') {
  const r = await evaluateLifecycleAlerts(deps.prisma, policyOf(deps), { now, part });
  await refreshAll(deps, r.resolved);
  return { opened: r.opened, resolved: r.resolved.length };
}

/** Tend's jobs. Schedules are in TZ_SCHEDULE; every replica may run them (each slot runs once). */
export const jobDefinitions: JobDefinition[] = [
  {
    name: 'recompute-changed',
    description:
      'Sweep for accounts whose data changed since their last snapshot and that the live queue missed (data written by the CLI, a replica that died mid-claim); score them, open, resolve and send health alerts',
    schedule: '* * * * *',
    enabled: true,
    run: (deps, now) => sweepChanged(deps, now, `sweep:${process.pid}`),
  },
  {
    name: 'recompute-all',
    description: 'Score every active account (daily snapshot); open and resolve health alerts',
    schedule: '0 2 * * *',
    enabled: true,
    run: (deps, now) => recomputeAndAlert(deps, now, { mode: 'all' }),
  },
  {
    name: 'derive-outcomes',
    description: 'Record churn for churned accounts whose contract has ended without an outcome (for the backtest)',
    schedule: '15 2 * * *',
    enabled: true,
    run: async (deps, now) => ({ derived: await deriveChurnOutcomes(deps.prisma, now) }),
  },
  {
    name: 'play-tasks',
    description:
      "Play runs: a reminder per task as it falls due while the assignee's attention budget has room (else their daily digest), escalation of overdue tasks (told in the daily digests), auto-close of runs whose success criterion is met",
    schedule: '*/5 * * * *',
    enabled: true,
    async run(deps, now) {
      const succeeded = await closeSucceededRuns(deps.prisma, now);
      const reminders = await remindDueTasks(deps.prisma, deps.notifiers, attentionOf(deps), now);
      const escalations = await escalateOverdueTasks(
        deps.prisma,
        deps.config.alerts.escalateAfterHours,
        now,
        deps.notifiers,
      );
      return { ...succeeded, ...reminders, ...escalations };
    },
  },
  {
    name: 'attention-digest',
    description:
      'One digest per person with what their weekly attention budget held back (alerts, due tasks, "your task was escalated"), and one escalation digest per manager with the team\'s overdue work by CSM',
    schedule: '0 8 * * *',
    enabled: true,
    run: (deps, now) =>
      sendDailyDigests(
        { prisma: deps.prisma, notifiers: deps.notifiers, policy: attentionOf(deps), logger: deps.logger },
        now,
      ),
  },
  {
    name: 'renewal-reminders',
    description: 'Reminders at the 90 / 60 / 30-day renewal milestones with their reference tasks',
    schedule: '0 7 * * *',
    enabled: true,
    run: (deps, now) => lifecycleAlerts(deps, now, 'renewals'),
  },
  {
    name: 'touchpoint-cadence',
    description: 'Alerts for touchpoints overdue under the tier cadence',
    schedule: '30 7 * * *',
    enabled: true,
    run: (deps, now) => lifecycleAlerts(deps, now, 'cadence'),
  },
  {
    name: 'deliver-alerts',
    description: 'Send due alert messages (quiet hours, daily cap with roll-up), wake snoozed alerts, escalate',
    schedule: '* * * * *',
    enabled: true,
    async run(deps, now) {
      const woken = await wakeSnoozedAlerts(deps.prisma, now);
      const escalated = await escalateAlerts(deps.prisma, policyOf(deps), now);
      const delivered = await deliverAlerts({ ...deps, policy: policyOf(deps) }, now);
      await refreshAll(deps, [...woken, ...escalated]);
      return { ...delivered, woken: woken.length, escalated: escalated.length };
    },
  },
  {
    name: 'weekly-digest',
    description: 'Portfolio digest per manager (DM) and for the digest channel',
    schedule: '0 8 * * 1',
    enabled: true,
    run: (deps, now) => sendWeeklyDigests(deps, now),
  },
  {
    name: 'survey-dispatch',
    description: 'Send surveys due by tier cadence, one reminder halfway to expiry, close expired ones',
    schedule: '0 9 * * *',
    enabled: true,
    run: (deps, now) =>
      dispatchSurveys(
        { prisma: deps.prisma, notifiers: deps.notifiers, policy: deps.config.surveys, logger: deps.logger },
        now,
      ),
  },
  {
    name: 'sync-sources',
    description:
      'Incremental sync of each configured connector (Salesforce, HubSpot, Zendesk, Stripe), resuming from its cursor; play steps mirrored as CRM tasks follow their CRM task both ways',
    schedule: '*/15 * * * *',
    enabled: true,
    async run(deps, now) {
      const connectors = await configuredConnectors(deps.config.connectors ?? {});
      const results = [];
      for (const connector of connectors)
        results.push(
          await syncSource(
            {
              prisma: deps.prisma,
              logger: deps.logger,
              notifyAdmins: (reply) =>
                notifyAdmins(
                  {
                    prisma: deps.prisma,
                    notifiers: deps.notifiers,
                    logger: deps.logger,
                    ...(deps.config.alerts.slackChannel ? { alertChannel: deps.config.alerts.slackChannel } : {}),
                  },
                  reply,
                ),
            },
            connector,
            now,
          ),
        );
      const crm = await configuredCrmTasks(deps.config.connectors ?? {});
      if (!crm) return { synced: results };
      try {
        return { synced: results, crmTasks: await syncCrmTasks(deps.prisma, crm, deps.logger, now) };
      } catch (error) {
        deps.logger.warn({ err: error, crm: crm.kind }, 'play task sync with the CRM failed; the next slot retries');
        return { synced: results, crmTasks: { error: error instanceof Error ? error.message : String(error) } };
      }
    },
  },
  {
    name: 'prune-deliveries',
    description:
      'Forget Slack delivery ids older than a day (retries stop within the hour), expired conversation subjects, which intent wrote Teams answers older than 30 days, ingest batches (and their idempotency keys) older than 30 days, product events older than 90 days',
    schedule: '15 3 * * *',
    enabled: true,
    run: async (deps, now) => ({
      pruned: await pruneDeliveries(deps.prisma, new Date(now.getTime() - 86_400_000)),
      forgottenSubjects: await forgetExpiredSubjects(deps.prisma, now),
      // Feedback on a month-old answer still counts, as 'unknown'.
      forgottenAnswers: await forgetAnsweredMessages(deps.prisma, new Date(now.getTime() - 30 * 86_400_000)),
      ...(await pruneIngestState(deps.prisma, now)),
    }),
  },
];
