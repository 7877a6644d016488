import type { PrismaClient } from '../../db/client.js';

export interface AccountFacts {
  name: string;
  owner: string | null;
  ownerEmail: string | null;
  arr: string;
  mrr: string | null;
  currency: string;
  tier: string;
  segment: string;
  region: string | null;
  lifecycleStage: string;
  status: 'ACTIVE' | 'CHURNED';
  contractStart: Date | null;
  contractEnd: Date | null;
  renewalDate: Date | null;
  executiveSponsor: string | null;
  seatsLicensed: number | null;
  champions: string[];
  lastTouchpoint: { kind: string; title: string; occurredAt: Date } | null;
}

/** What a CSM asks about an account in one line: who owns it, what it pays, when it renews, who to call. */
export async function accountFacts(prisma: PrismaClient, accountId: string, now: Date): Promise<AccountFacts> {
  const [a, champions, last] = await Promise.all([
    prisma.account.findUniqueOrThrow({
      where: { id: accountId },
      include: { owner: { select: { name: true, email: true } } },
    }),
    prisma.contact.findMany({
      where: { accountId, role: 'champion' },
      select: { name: true },
      orderBy: { name: 'asc' },
    }),
    prisma.activity.findFirst({
      where: { accountId, occurredAt: { lte: now }, kind: { not: 'ticket' } },
      orderBy: { occurredAt: 'desc' },
      select: { kind: true, title: true, occurredAt: true },
    }),
  ]);
  return {
    name: a.name,
    owner: a.owner?.name ?? null,
    ownerEmail: a.owner?.email ?? null,
    arr: a.arr.toFixed(2),
    mrr: a.mrr?.toFixed(2) ?? null,
    currency: a.currency,
    tier: a.tier,
    segment: a.segment,
    region: a.region,
    lifecycleStage: a.lifecycleStage,
    status: a.status,
    contractStart: a.contractStart,
    contractEnd: a.contractEnd,
    renewalDate: a.renewalDate,
    executiveSponsor: a.executiveSponsor,
    seatsLicensed: a.seatsLicensed,
    champions: champions.map((c) => c.name),
    lastTouchpoint: last,
  };
}
