import type { DbClient } from './db-client.js';

export interface AccountName {
  id: string;
  externalId: string;
  name: string;
  aliases: string[];
  domains: string[];
  status: 'ACTIVE' | 'CHURNED';
}

/** Every account's names, for matching what a user typed (a few hundred bytes per account). */
export async function accountNames(db: DbClient): Promise<AccountName[]> {
  return db.account.findMany({
    select: { id: true, externalId: true, name: true, aliases: true, domains: true, status: true },
  });
}

export async function accountDetails(db: DbClient, id: string) {
  return db.account.findUniqueOrThrow({
    where: { id },
    include: { owner: { select: { name: true, email: true } } },
  });
}

export async function activitiesOf(db: DbClient, accountId: string, since: Date) {
  return db.activity.findMany({
    where: { accountId, occurredAt: { gte: since } },
    select: { kind: true, occurredAt: true },
    orderBy: { occurredAt: 'asc' },
  });
}
