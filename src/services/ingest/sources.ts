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

/** The columns a SourceRecord is read from. */
export const sourceRecordSelect = {
  id: true,
  name: true,
  kind: true,
  state: true,
  mapping: true,
  staleAfterHours: true,
} as const;

/** A source by name, created on first use with the kind given. */
export async function ensureSource(prisma: PrismaClient, name: string, kind: SourceKind): Promise<SourceRecord> {
  const row = await prisma.source.upsert({
    where: { name },
    create: { name, kind },
    update: {},
    select: sourceRecordSelect,
  });
  if (row.kind !== kind)
    throw new SourceError(`source "${name}" is a ${row.kind} source, not ${kind}; pick another name`);
  return row as SourceRecord;
}

export async function sourceByName(prisma: PrismaClient, name: string): Promise<SourceRecord | undefined> {
  return (
    ((await prisma.source.findUnique({ where: { name }, select: sourceRecordSelect })) as SourceRecord | null) ??
    undefined
  );
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
    // A source that has never sent anything is stale only once it has had the time to.
    stale: now.getTime() - (s.lastSuccessAt ?? s.createdAt).getTime() > s.staleAfterHours * 3_600_000,
  }));
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

/** Where the next sync of a source resumes, saved after a page is written. */
export async function saveSourceCursor(
  prisma: PrismaClient,
  sourceId: string,
  cursor: unknown,
  now: Date,
): Promise<void> {
  await prisma.source.update({
    where: { id: sourceId },
    data: { cursor: (cursor ?? null) as object, lastSuccessAt: now, authFailures: 0 },
  });
}

export async function sourceCursor(prisma: PrismaClient, sourceId: string): Promise<unknown> {
  return (await prisma.source.findUnique({ where: { id: sourceId }, select: { cursor: true } }))?.cursor ?? undefined;
}

/** Authentication failures in a row after which a source stops until someone resumes it. */
export const authFailuresBeforeStop = 3;

/**
 * Records an authentication failure; the third in a row stops the source. True only for the call
 * that stopped it, so the admins are told once.
 */
export async function recordAuthFailure(
  prisma: PrismaClient,
  sourceId: string,
  message: string,
  now: Date,
): Promise<{ stopped: boolean }> {
  const [row] = await prisma.$queryRaw<{ authFailures: number; stoppedNow: boolean }[]>`
    UPDATE "Source" SET "authFailures" = "authFailures" + 1, "lastError" = ${message.slice(0, 500)},
      "lastErrorAt" = ${now}, "updatedAt" = ${now},
      "state" = CASE WHEN "authFailures" + 1 >= ${authFailuresBeforeStop} THEN 'stopped' ELSE "state" END
    WHERE id = ${sourceId}::uuid
    RETURNING "authFailures", ("state" = 'stopped' AND "authFailures" = ${authFailuresBeforeStop}) AS "stoppedNow"`;
  return { stopped: row?.stoppedNow === true };
}

/** Puts a stopped or paused source back to work (after its credentials were fixed). */
export async function resumeSource(prisma: PrismaClient, name: string): Promise<boolean> {
  const done = await prisma.source.updateMany({ where: { name }, data: { state: 'active', authFailures: 0 } });
  return done.count === 1;
}
