import type { PrismaClient } from '../../db/client.js';

export const sourceKinds = ['api', 'segment', 'hubspot', 'salesforce', 'zendesk', 'stripe'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface SourceRecord {
  id: string;
  name: string;
  kind: SourceKind;
  state: string;
  mapping: unknown;
  staleAfterHours: number;
}

const select = { id: true, name: true, kind: true, state: true, mapping: true, staleAfterHours: true } as const;

/** A source by name, created on first use with the kind given. */
export async function ensureSource(prisma: PrismaClient, name: string, kind: SourceKind): Promise<SourceRecord> {
  const row = await prisma.source.upsert({ where: { name }, create: { name, kind }, update: {}, select });
  if (row.kind !== kind)
    throw new SourceError(`source "${name}" is a ${row.kind} source, not ${kind}; pick another name`);
  return row as SourceRecord;
}

export async function sourceByName(prisma: PrismaClient, name: string): Promise<SourceRecord | undefined> {
  return ((await prisma.source.findUnique({ where: { name }, select })) as SourceRecord | null) ?? undefined;
}

export class SourceError extends Error {}

export interface SourceStatus {
  name: string;
  kind: string;
  state: string;
  lastSuccessAt: Date | null;
  cursor: unknown;
  rowsLast24h: number;
  batchesRejectedLast24h: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  activeKeys: number;
  staleAfterHours: number;
  /** True when it has sent nothing for longer than `staleAfterHours`. */
  stale: boolean;
}

/** Every source with its state: last success, cursor, rows in the last 24 hours, errors. */
export async function sourceStatuses(prisma: PrismaClient, now: Date): Promise<SourceStatus[]> {
  const since = new Date(now.getTime() - 86_400_000);
  const [sources, applied, rejected] = await Promise.all([
    prisma.source.findMany({
      orderBy: { name: 'asc' },
      include: { _count: { select: { keys: { where: { revokedAt: null } } } } },
    }),
    prisma.ingestBatch.groupBy({
      by: ['sourceId'],
      where: { createdAt: { gte: since }, status: 200 },
      _sum: { rows: true },
    }),
    prisma.ingestBatch.groupBy({
      by: ['sourceId'],
      where: { createdAt: { gte: since }, status: { not: 200 } },
      _count: true,
    }),
  ]);
  return sources.map((s) => ({
    name: s.name,
    kind: s.kind,
    state: s.state,
    lastSuccessAt: s.lastSuccessAt,
    cursor: s.cursor,
    rowsLast24h: applied.find((a) => a.sourceId === s.id)?._sum.rows ?? 0,
    batchesRejectedLast24h: rejected.find((r) => r.sourceId === s.id)?._count ?? 0,
    lastError: s.lastError,
    lastErrorAt: s.lastErrorAt,
    activeKeys: s._count.keys,
    staleAfterHours: s.staleAfterHours,
    stale: !s.lastSuccessAt || now.getTime() - s.lastSuccessAt.getTime() > s.staleAfterHours * 3_600_000,
  }));
}

/** Records a successful write from a source. */
export async function markSourceSuccess(prisma: PrismaClient, sourceId: string, now: Date): Promise<void> {
  await prisma.source.update({ where: { id: sourceId }, data: { lastSuccessAt: now, authFailures: 0 } });
}

/** Records a failure; the error text must already be free of secrets. */
export async function markSourceError(
  prisma: PrismaClient,
  sourceId: string,
  message: string,
  now: Date,
): Promise<void> {
  await prisma.source.update({ where: { id: sourceId }, data: { lastError: message.slice(0, 500), lastErrorAt: now } });
}
