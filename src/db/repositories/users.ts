import type { UserRole } from '../client.js';
import type { DbClient } from './db-client.js';

export interface UserInput {
  externalId?: string;
  email: string;
  name: string;
  /** Undefined keeps a stored user's role; a new user becomes a CSM. */
  role?: UserRole;
  region?: string;
  slackUserId?: string;
  slackTeamId?: string;
  teamsAadObjectId?: string;
  teamsTenantId?: string;
}

/**
 * Upserts users by email; returns email -> id. A value the file does not give (undefined) keeps
 * what is stored: re-importing `email,name` must not turn an admin into a CSM or unlink their chat.
 */
export async function upsertUsers(db: DbClient, users: UserInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const user of users) {
    const given = Object.fromEntries(
      Object.entries({
        externalId: user.externalId,
        name: user.name,
        role: user.role,
        region: user.region,
        slackUserId: user.slackUserId,
        slackTeamId: user.slackTeamId,
        teamsAadObjectId: user.teamsAadObjectId,
        teamsTenantId: user.teamsTenantId,
      }).filter(([, v]) => v !== undefined),
    );
    const saved = await db.user.upsert({
      where: { email: user.email },
      create: { email: user.email, name: user.name, ...given, role: user.role ?? 'CSM' },
      update: given,
      select: { id: true },
    });
    ids.set(user.email, saved.id);
  }
  return ids;
}

export async function setManagers(db: DbClient, links: { userId: string; managerId: string }[]): Promise<void> {
  for (const link of links) {
    await db.user.update({ where: { id: link.userId }, data: { managerId: link.managerId } });
  }
}

/** email -> id for the given emails that exist. */
export async function findUserIdsByEmail(db: DbClient, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  return new Map(rows.map((r) => [r.email, r.id]));
}

export async function countUsers(db: DbClient): Promise<number> {
  return db.user.count();
}
