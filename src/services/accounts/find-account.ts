import { matchAccount, type AccountMatch } from '../../core/text/match-account.js';
import type { PrismaClient } from '../../db/client.js';
import { accountNames, type AccountName } from '../../db/repositories/account-lookup.js';

export type { AccountName };

/** An account from what a person typed (id, name, alias, domain; forgiving), or why not. */
export async function findAccount(prisma: PrismaClient, query: string): Promise<AccountMatch<AccountName>> {
  return matchAccount(query, await accountNames(prisma));
}

export type AccountOrSegment =
  | { kind: 'scope'; label: string; accountId?: string; segment?: string; region?: string }
  | Exclude<AccountMatch<AccountName>, { kind: 'found' }>;

/**
 * What "feedback strategic", "nps EMEA" or "nps Acme" is about: everyone (no query), a segment or a
 * region (a query naming one, in any case), else an account matched forgivingly.
 */
export async function findAccountOrSegment(prisma: PrismaClient, query: string | undefined): Promise<AccountOrSegment> {
  if (!query) return { kind: 'scope', label: 'all accounts' };
  const segment = await prisma.account.findFirst({
    where: { segment: { equals: query.trim(), mode: 'insensitive' } },
    select: { segment: true },
  });
  if (segment) return { kind: 'scope', label: `${segment.segment} accounts`, segment: segment.segment };
  // "nps EMEA": a region any account is in.
  const region = await prisma.account.findFirst({
    where: { region: { equals: query.trim(), mode: 'insensitive' } },
    select: { region: true },
  });
  if (region?.region) return { kind: 'scope', label: `${region.region} accounts`, region: region.region };
  const match = await findAccount(prisma, query);
  if (match.kind !== 'found') return match;
  return { kind: 'scope', label: match.account.name, accountId: match.account.id };
}
