import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../db/client.js';
import { planPlayHistory } from './generate-play-history.js';

const dayMs = 86_400_000;

/** Writes the planned past cases: a resolved alert each, and a completed run where the play ran. */
export async function seedPlayHistory(prisma: PrismaClient, options: { seed: number; today: Date }): Promise<number> {
  const renewals = await prisma.renewalOutcome.findMany({
    where: { occurredOn: { lte: options.today } },
    select: { accountId: true, occurredOn: true, kind: true, account: { select: { externalId: true } } },
  });
  const cases = planPlayHistory(
    renewals.map((r) => ({
      accountId: r.accountId,
      stableKey: r.account.externalId,
      occurredOn: r.occurredOn,
      churned: r.kind === 'CHURNED',
    })),
    options.seed,
  );
  const alerts = cases.map((c) => ({
    id: randomUUID(),
    accountId: c.accountId,
    kind: `signal:${c.trigger}`,
    severity: 'WARNING' as const,
    state: 'RESOLVED' as const,
    // Past alerts are closed, so they never hold back a new one with the same key.
    dedupeKey: `${c.accountId}:signal:${c.trigger}:${c.alertAt.toISOString().slice(0, 10)}`,
    title: `Demo history: ${c.trigger.replaceAll('_', ' ')}`,
    openedAt: c.alertAt,
    resolvedAt: new Date(c.alertAt.getTime() + 30 * dayMs),
  }));
  await prisma.alert.createMany({ data: alerts });
  const runs = cases.flatMap((c, i) =>
    c.ran
      ? [
          {
            accountId: c.accountId,
            playId: c.playId,
            playVersion: 1,
            state: 'COMPLETED' as const,
            startedBy: `signal:${c.trigger}`,
            alertId: alerts[i]!.id,
            openedAt: new Date(c.alertAt.getTime() + 3_600_000),
            closedAt: new Date(c.alertAt.getTime() + 21 * dayMs),
            closeNote: 'demo history',
          },
        ]
      : [],
  );
  await prisma.playRun.createMany({ data: runs });
  return cases.length;
}
