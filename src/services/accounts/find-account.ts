import { matchAccount, type AccountMatch } from '../../core/text/match-account.js';
import type { PrismaClient } from '../../db/client.js';
import { accountNames, type AccountName } from '../../db/repositories/account-lookup.js';

/** An account from what a person typed (id, name, alias, domain; forgiving), or why not. */
export async function findAccount(prisma: PrismaClient, query: string): Promise<AccountMatch<AccountName>> {
  return matchAccount(query, await accountNames(prisma));
}
