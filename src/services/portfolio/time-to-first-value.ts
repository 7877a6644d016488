import {
  firstValuePhrases,
  isOnboardingStage,
  marksFirstValue,
  timeToFirstValue,
  type FirstValueFact,
  type TimeToFirstValue,
} from '../../core/metrics/time-to-first-value.js';
import type { PrismaClient } from '../../db/client.js';

/**
 * Time to first value of the accounts in scope whose first-value milestone fell between `from` and
 * `to`, and of those still onboarding without one.
 */
export async function timeToFirstValueFor(
  prisma: PrismaClient,
  options: { from: Date; to: Date; segment?: string; region?: string; tier?: string; ownerIds?: string[] },
): Promise<TimeToFirstValue> {
  const accountScope = {
    ...(options.segment ? { segment: options.segment } : {}),
    ...(options.tier ? { tier: options.tier } : {}),
    ...(options.region ? { region: { equals: options.region, mode: 'insensitive' as const } } : {}),
    ...(options.ownerIds ? { ownerId: { in: options.ownerIds } } : {}),
  };
  const [milestones, accounts] = await Promise.all([
    prisma.activity.findMany({
      where: {
        kind: 'milestone',
        occurredAt: { lte: options.to },
        OR: firstValuePhrases.map((p) => ({ title: { contains: p, mode: 'insensitive' as const } })),
        account: accountScope,
      },
      select: { accountId: true, title: true, occurredAt: true },
      orderBy: { occurredAt: 'asc' },
    }),
    prisma.account.findMany({
      where: { ...accountScope, contractStart: { not: null } },
      select: { id: true, contractStart: true, lifecycleStage: true, status: true },
    }),
  ]);
  const first = new Map<string, Date>();
  for (const m of milestones)
    if (marksFirstValue(m.title) && !first.has(m.accountId)) first.set(m.accountId, m.occurredAt);
  const reached: FirstValueFact[] = [];
  const waiting: FirstValueFact[] = [];
  for (const a of accounts) {
    const at = first.get(a.id);
    const fact = {
      accountId: a.id,
      contractStart: a.contractStart!.toISOString(),
      firstValueAt: at?.toISOString() ?? null,
    };
    if (at && at >= options.from) reached.push(fact);
    else if (!at && a.status === 'ACTIVE' && isOnboardingStage(a.lifecycleStage)) waiting.push(fact);
  }
  return timeToFirstValue(reached, waiting, options.to);
}
