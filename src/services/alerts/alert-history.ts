import type { PrismaClient } from '../../db/client.js';

export interface AlertHistoryRow {
  openedAt: Date;
  accountName: string;
  title: string;
  severity: 'INFO' | 'WARNING' | 'CRITICAL';
  state: 'OPEN' | 'ACKNOWLEDGED' | 'SNOOZED' | 'RESOLVED';
  resolvedAt: Date | null;
}

/** The latest alerts of one account, of one owner's book, or of everyone, newest first. */
export async function alertHistory(
  prisma: PrismaClient,
  scope: { accountId?: string; ownerId?: string },
  limit = 20,
): Promise<AlertHistoryRow[]> {
  const alerts = await prisma.alert.findMany({
    where: scope.accountId
      ? { accountId: scope.accountId }
      : scope.ownerId
        ? { account: { ownerId: scope.ownerId } }
        : {},
    orderBy: { openedAt: 'desc' },
    take: limit,
    include: { account: { select: { name: true } } },
  });
  return alerts.map((a) => ({
    openedAt: a.openedAt,
    accountName: a.account.name,
    title: a.title,
    severity: a.severity,
    state: a.state,
    resolvedAt: a.resolvedAt,
  }));
}
