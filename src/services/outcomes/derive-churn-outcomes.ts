import type { PrismaClient } from '../../db/client.js';

/**
 * A churned account whose contract has ended without a recorded outcome gets one: churned on its
 * contract end, its ARR lost. Runs with the nightly recompute and after imports; an account that
 * already has an outcome in that month (imported, or from billing) is left as recorded.
 */
export async function deriveChurnOutcomes(prisma: PrismaClient, now: Date): Promise<number> {
  const accounts = await prisma.account.findMany({
    where: { status: 'CHURNED', contractEnd: { lte: now } },
    select: {
      id: true,
      contractEnd: true,
      arr: true,
      currency: true,
      outcomes: { select: { kind: true, occurredOn: true } },
    },
  });
  let derived = 0;
  for (const a of accounts) {
    const end = a.contractEnd!;
    const month = end.toISOString().slice(0, 7);
    if (a.outcomes.some((o) => o.kind === 'CHURNED' || o.occurredOn.toISOString().slice(0, 7) === month)) continue;
    await prisma.renewalOutcome.upsert({
      where: { externalId: `derived:${a.id}:${end.toISOString().slice(0, 10)}` },
      create: {
        externalId: `derived:${a.id}:${end.toISOString().slice(0, 10)}`,
        accountId: a.id,
        kind: 'CHURNED',
        occurredOn: end,
        arrBefore: a.arr,
        arrAfter: 0,
        currency: a.currency,
        source: 'derived',
      },
      update: {},
    });
    derived++;
  }
  return derived;
}
