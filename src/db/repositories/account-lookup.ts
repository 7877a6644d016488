import type { DbClient } from './db-client.js';

export interface AccountName {
  id: string;
  externalId: string;
  name: string;
  aliases: string[];
  domains: string[];
  status: 'ACTIVE' | 'CHURNED';
}

const namesCache = new WeakMap<object, { stamp: string; names: Promise<readonly AccountName[]> }>();

/**
 * Every account's names, for matching what a user typed (a few hundred bytes per account). Reading
 * 10,000 of them costs ~30 ms a question, so the list is kept per database client and re-read only
 * when the accounts changed: the stamp (count and newest update) is checked against the database on
 * every call, so another replica's import is seen at once.
 */
export async function accountNames(db: DbClient): Promise<readonly AccountName[]> {
  const [row] = await db.$queryRaw<{ n: number; at: Date | null }[]>`
    SELECT count(*)::int AS n, max("updatedAt") AS at FROM "Account"`;
  const stamp = `${row?.n ?? 0}:${row?.at?.toISOString() ?? ''}`;
  const cached = namesCache.get(db);
  // The same frozen list while nothing changed (matching keeps its index per list, match-account.ts);
  // questions arriving together after a change share one read instead of each reading 10,000 rows.
  if (cached?.stamp === stamp) return cached.names;
  const names = db.account
    .findMany({ select: { id: true, externalId: true, name: true, aliases: true, domains: true, status: true } })
    .then((rows) => Object.freeze(rows));
  namesCache.set(db, { stamp, names });
  names.catch(() => {
    if (namesCache.get(db)?.names === names) namesCache.delete(db);
  });
  return names;
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
