import type { DbClient } from '../../db/repositories/db-client.js';

export interface PersonDestination {
  channel: 'SLACK' | 'TEAMS';
  destination: string;
}

/** Where a Tend user can be messaged directly: their Slack DM, their latest Teams 1:1 chat with Tend. */
export async function personDestinations(
  db: DbClient,
  userIds: readonly string[],
): Promise<Map<string, PersonDestination[]>> {
  const [users, teams] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...userIds] }, active: true }, select: { id: true, slackUserId: true } }),
    db.conversationReference.findMany({
      where: { channel: 'TEAMS', userId: { in: [...userIds] } },
      orderBy: { updatedAt: 'desc' },
      select: { userId: true, key: true },
    }),
  ]);
  const out = new Map<string, PersonDestination[]>();
  for (const u of users) {
    const list: PersonDestination[] = [];
    if (u.slackUserId) list.push({ channel: 'SLACK', destination: u.slackUserId });
    const chat = teams.find((t) => t.userId === u.id);
    if (chat) list.push({ channel: 'TEAMS', destination: chat.key });
    out.set(u.id, list);
  }
  return out;
}
