import type { PrismaClient } from '../../db/client.js';

/** The words a book gives its questions: its people, and the regions, segments, tiers and industries in use. */
export interface BookVocabulary {
  people: { id: string; name: string; email: string }[];
  regions: string[];
  segments: string[];
  tiers: string[];
  industries: string[];
  /** Active accounts' names and aliases, to find an account named inside a sentence. */
  accounts: { name: string; aliases: string[] }[];
}

/** A book with no words: what a question is read with when the book cannot be. */
export const emptyVocabulary: BookVocabulary = {
  people: [],
  regions: [],
  segments: [],
  tiers: [],
  industries: [],
  accounts: [],
};

export async function bookVocabulary(prisma: PrismaClient): Promise<BookVocabulary> {
  const [people, values, accounts] = await Promise.all([
    prisma.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true } }),
    prisma.$queryRaw<{ kind: string; value: string }[]>`
      SELECT DISTINCT 'region' AS kind, region AS value FROM "Account" WHERE region IS NOT NULL AND status = 'ACTIVE'
      UNION SELECT DISTINCT 'segment', segment FROM "Account" WHERE status = 'ACTIVE'
      UNION SELECT DISTINCT 'tier', tier FROM "Account" WHERE status = 'ACTIVE'
      UNION SELECT DISTINCT 'industry', industry FROM "Account" WHERE industry IS NOT NULL AND status = 'ACTIVE'`,
    prisma.account.findMany({ where: { status: 'ACTIVE' }, select: { name: true, aliases: true } }),
  ]);
  const of = (kind: string) => values.filter((v) => v.kind === kind).map((v) => v.value);
  return {
    people,
    regions: of('region'),
    segments: of('segment'),
    tiers: of('tier'),
    industries: of('industry'),
    accounts,
  };
}
