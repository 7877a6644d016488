import { digestReply } from '../replies/digest-reply.js';
import { digestFigures } from '../services/alerts/weekly-digest.js';
import { SharedConversationError } from '../services/alerts/alert-notifier.js';
import { tellAdminsOfSharedConversation } from '../services/alerts/shared-conversation-notice.js';
import { mayTakeWork } from '../services/plays/work-people.js';
import type { JobDeps } from './job.js';

/** Each manager gets their team's digest by DM; the digest channel gets everyone's. */
export async function sendWeeklyDigests(deps: JobDeps, now: Date): Promise<Record<string, unknown>> {
  const slack = deps.notifiers.SLACK;
  const window = deps.config.alerts.actionWindowHours;
  let sent = 0;
  const managers = await deps.prisma.user.findMany({
    where: { active: true, OR: [{ role: 'MANAGER' }, { reports: { some: {} } }] },
    select: { id: true, name: true, slackUserId: true, reports: { select: { id: true } } },
  });
  // A client contact holding a manager role gets no digest (services/access/identity.ts).
  const staff = new Set(
    await mayTakeWork(
      deps.prisma,
      managers.filter((m) => m.slackUserId).map((m) => m.id),
    ),
  );
  for (const m of managers) {
    if (!slack || !m.slackUserId || !staff.has(m.id)) continue;
    const figures = await digestFigures(deps.prisma, {
      now,
      ownerIds: [m.id, ...m.reports.map((r) => r.id)],
      actionWindowHours: window,
    });
    await slack.send(m.slackUserId, digestReply(`${m.name}'s team`, figures, window));
    sent++;
  }
  if (slack && deps.config.alerts.digestSlackChannel) {
    const figures = await digestFigures(deps.prisma, { now, actionWindowHours: window });
    try {
      await slack.send(deps.config.alerts.digestSlackChannel, digestReply('all accounts', figures, window));
      sent++;
    } catch (error) {
      if (!(error instanceof SharedConversationError)) throw error;
      await tellAdminsOfSharedConversation(deps, error, 'the weekly digest');
    }
  }
  return { sent, managers: managers.length };
}
