import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import type { Reply } from '../../replies/reply.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { mayTakeWork } from '../plays/work-people.js';

/**
 * Tells Tend's admins something only they can fix (a source's credentials): a Slack DM to each
 * active admin Tend can reach (never one who is a client contact too), else the alert
 * channel. Returns how many messages went out.
 */
export async function notifyAdmins(
  deps: { prisma: PrismaClient; notifiers: AlertNotifiers; logger?: Logger | undefined; alertChannel?: string },
  reply: Reply,
): Promise<number> {
  const slack = deps.notifiers.SLACK;
  const admins = await deps.prisma.user.findMany({
    where: { role: 'ADMIN', active: true, slackUserId: { not: null } },
    select: { id: true, slackUserId: true },
  });
  const staff = new Set(
    await mayTakeWork(
      deps.prisma,
      admins.map((a) => a.id),
    ),
  );
  const destinations = slack ? admins.filter((a) => staff.has(a.id)).map((a) => a.slackUserId!) : [];
  if (slack && destinations.length === 0 && deps.alertChannel) destinations.push(deps.alertChannel);
  let sent = 0;
  for (const destination of destinations) {
    try {
      await slack!.send(destination, reply);
      sent++;
    } catch (error) {
      deps.logger?.warn({ err: error, destination }, 'could not tell an admin');
    }
  }
  if (sent === 0) deps.logger?.error({ headline: reply.headline }, 'no admin could be told; see tend sources');
  return sent;
}
