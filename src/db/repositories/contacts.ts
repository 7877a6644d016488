import type { DbClient } from './db-client.js';

export interface ContactInput {
  externalId: string;
  accountId: string;
  name: string;
  email?: string;
  title?: string;
  role?: string;
  slackUserId?: string;
  slackTeamId?: string;
  teamsAadObjectId?: string;
  teamsTenantId?: string;
  surveyOptOut: boolean;
}

/** Upserts contacts by external id; returns externalId -> id. */
export async function upsertContacts(db: DbClient, contacts: ContactInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const contact of contacts) {
    const data = {
      accountId: contact.accountId,
      name: contact.name,
      // Lower-cased so the client check is an index lookup; mail systems ignore the case anyway.
      email: contact.email?.toLowerCase() ?? null,
      title: contact.title ?? null,
      role: contact.role ?? null,
      slackUserId: contact.slackUserId ?? null,
      slackTeamId: contact.slackTeamId ?? null,
      teamsAadObjectId: contact.teamsAadObjectId ?? null,
      teamsTenantId: contact.teamsTenantId ?? null,
      surveyOptOut: contact.surveyOptOut,
    };
    // An opt-out is the person's choice (made in chat or in the CRM); an import can add one, never clear it.
    const { surveyOptOut, ...rest } = data;
    const saved = await db.contact.upsert({
      where: { externalId: contact.externalId },
      create: { externalId: contact.externalId, ...data },
      update: surveyOptOut ? data : rest,
      select: { id: true },
    });
    ids.set(contact.externalId, saved.id);
  }
  return ids;
}

export async function findContactIdsByExternalId(
  db: DbClient,
  externalIds: string[],
): Promise<Map<string, { id: string; accountId: string }>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db.contact.findMany({
    where: { externalId: { in: externalIds } },
    select: { id: true, externalId: true, accountId: true },
  });
  return new Map(rows.map((r) => [r.externalId, { id: r.id, accountId: r.accountId }]));
}
