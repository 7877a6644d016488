import type { DbClient } from '../../db/repositories/db-client.js';

export const destinationKey = (d: { channel: string; destination: string }) => `${d.channel}:${d.destination}`;

/**
 * Which Tend user a destination is the direct chat of (a Slack user id, a Teams 1:1 conversation);
 * channels and group chats are nobody's, so they map to nothing and keep the per-channel daily cap.
 */
export async function peopleOfDestinations(
  db: DbClient,
  destinations: readonly { channel: string; destination: string }[],
): Promise<Map<string, string>> {
  const slack = [...new Set(destinations.filter((d) => d.channel === 'SLACK').map((d) => d.destination))];
  const teams = [...new Set(destinations.filter((d) => d.channel === 'TEAMS').map((d) => d.destination))];
  const [users, chats] = await Promise.all([
    slack.length
      ? db.user.findMany({
          where: { slackUserId: { in: slack }, active: true },
          select: { id: true, slackUserId: true },
        })
      : [],
    teams.length
      ? db.conversationReference.findMany({
          where: { channel: 'TEAMS', key: { in: teams }, userId: { not: null } },
          select: { key: true, userId: true },
        })
      : [],
  ]);
  const out = new Map<string, string>();
  for (const u of users) out.set(`SLACK:${u.slackUserId}`, u.id);
  for (const c of chats) if (c.userId) out.set(`TEAMS:${c.key}`, c.userId);
  return out;
}
