import type { DbClient } from '../../db/repositories/db-client.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { cannotTakeWork, resolvePeople, type PlatformStanding } from '../access/identity.js';

export interface Refusal {
  reason: string;
  /** Slack would not say whether they are a guest: asking later may find they are not. */
  retry: boolean;
}

/**
 * Which of these Tend users may be given work (a task, a reminder, an escalation), through the one
 * identity decision (resolvePeople): a client contact never, whatever their role; a guest never, as
 * the connected Slack says of their user id (a lookup Slack will not answer counts as a guest, so a
 * reminder waits for the next pass). Returns, per user id, why not (and whether asking again may
 * change it), or undefined when they may.
 */
export async function whyNoWork(
  db: DbClient,
  userIds: readonly string[],
  notifiers: AlertNotifiers = {},
): Promise<Map<string, Refusal | undefined>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, slackUserId: true },
  });
  const ask = notifiers.SLACK?.standing?.bind(notifiers.SLACK);
  const standings = new Map<string, PlatformStanding>();
  if (ask)
    for (const u of users)
      if (u.slackUserId) {
        try {
          standings.set(u.id, await ask(u.slackUserId));
        } catch {
          standings.set(u.id, 'unknown');
        }
      }
  const people = await resolvePeople(
    db,
    users.map((u) => {
      const platform = standings.get(u.id);
      return { userId: u.id, ...(platform ? { platform } : {}) };
    }),
  );
  const out = new Map<string, Refusal | undefined>(
    ids.map((id) => [id, { reason: 'no such Tend user', retry: false }]),
  );
  users.forEach((u, i) => {
    const reason = cannotTakeWork(people[i]!, u.name, standings.get(u.id));
    out.set(
      u.id,
      reason ? { reason, retry: people[i]!.kind === 'outsider' && standings.get(u.id) === 'unknown' } : undefined,
    );
  });
  return out;
}

/** The ones of `userIds` who may be given work (whyNoWork says nothing against them), in order. */
export async function mayTakeWork(
  db: DbClient,
  userIds: readonly string[],
  notifiers?: AlertNotifiers,
): Promise<string[]> {
  const why = await whyNoWork(db, userIds, notifiers);
  return userIds.filter((id) => why.has(id) && why.get(id) === undefined);
}
