import type { UserRole } from '../client.js';
import type { DbClient } from './db-client.js';

export interface UserInput {
  externalId?: string;
  email: string;
  name: string;
  role: UserRole;
  region?: string;
  slackUserId?: string;
  slackTeamId?: string;
  teamsAadObjectId?: string;
  teamsTenantId?: string;
}

/** Upserts users by email; returns email -> id. */
export async function upsertUsers(db: DbClient, users: UserInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const user of users) {
    const data = {
      externalId: user.externalId ?? null,
      name: user.name,
      role: user.role,
      region: user.region ?? null,
      slackUserId: user.slackUserId ?? null,
      slackTeamId: user.slackTeamId ?? null,
      teamsAadObjectId: user.teamsAadObjectId ?? null,
      teamsTenantId: user.teamsTenantId ?? null,
    };
    const saved = await db.user.upsert({
      where: { email: user.email },
      create: { email: user.email, ...data },
      update: data,
      select: { id: true },
    });
    ids.set(user.email, saved.id);
  }
  return ids;
}

export async function setManagers(db: DbClient, links: { userId: string; managerId: string | null }[]): Promise<void> {
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
