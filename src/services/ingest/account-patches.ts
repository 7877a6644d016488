import type { PrismaClient } from '../../db/client.js';
import { markAccountsFresh } from './account-freshness.js';

/** Fields of an existing account a source owns (billing: revenue; CRM deals: renewal and owner). */
export interface AccountPatch {
  accountExternalId: string;
  /** Decimal strings. */
  mrr?: string;
  arr?: string;
  currency?: string;
  /** YYYY-MM-DD */
  renewalDate?: string;
  contractEnd?: string;
  ownerEmail?: string;
}

/**
 * Sets the given fields of existing accounts and marks them fresh. Accounts Tend does not know,
 * and owners who are not Tend users, are returned, not created: a deal or an invoice alone does not
 * make an account.
 */
export async function patchAccounts(
  prisma: PrismaClient,
  patches: AccountPatch[],
  source: string,
  now: Date,
): Promise<{ updated: number; unknown: string[]; unknownOwners: string[] }> {
  const unknown: string[] = [];
  const unknownOwners = new Set<string>();
  const touched: string[] = [];
  const emails = [...new Set(patches.flatMap((p) => (p.ownerEmail ? [p.ownerEmail.toLowerCase()] : [])))];
  const owners = new Map(
    (await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [
      u.email,
      u.id,
    ]),
  );
  const day = (iso: string | undefined) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : undefined);
  await prisma.$transaction(async (tx) => {
    for (const p of patches) {
      const account = await tx.account.findUnique({ where: { externalId: p.accountExternalId }, select: { id: true } });
      if (!account) {
        unknown.push(p.accountExternalId);
        continue;
      }
      const ownerId = p.ownerEmail ? owners.get(p.ownerEmail.toLowerCase()) : undefined;
      if (p.ownerEmail && !ownerId) unknownOwners.add(p.ownerEmail);
      const data = Object.fromEntries(
        Object.entries({
          mrr: p.mrr,
          arr: p.arr,
          currency: p.currency?.toUpperCase(),
          renewalDate: day(p.renewalDate),
          contractEnd: day(p.contractEnd),
          ownerId,
        }).filter(([, v]) => v !== undefined),
      );
      if (Object.keys(data).length) await tx.account.update({ where: { id: account.id }, data });
      touched.push(account.id);
    }
    await markAccountsFresh(tx, touched, source, now);
  });
  return { updated: touched.length, unknown, unknownOwners: [...unknownOwners] };
}
