import type { PrismaClient } from '../../db/client.js';
import { markAccountsFresh } from './account-freshness.js';

/**
 * Sets MRR, ARR and currency of existing accounts from a billing source, and marks them fresh.
 * Accounts Tend does not know are returned, not created: billing alone does not make an account.
 */
export async function updateAccountBilling(
  prisma: PrismaClient,
  updates: { accountExternalId: string; mrr: string; arr: string; currency: string }[],
  source: string,
  now: Date,
): Promise<{ updated: number; unknown: string[] }> {
  const unknown: string[] = [];
  const touched: string[] = [];
  await prisma.$transaction(async (tx) => {
    for (const u of updates) {
      const account = await tx.account.findUnique({ where: { externalId: u.accountExternalId }, select: { id: true } });
      if (!account) {
        unknown.push(u.accountExternalId);
        continue;
      }
      await tx.account.update({
        where: { id: account.id },
        data: { mrr: u.mrr, arr: u.arr, currency: u.currency.toUpperCase() },
      });
      touched.push(account.id);
    }
    await markAccountsFresh(tx, touched, source, now);
  });
  return { updated: touched.length, unknown };
}
