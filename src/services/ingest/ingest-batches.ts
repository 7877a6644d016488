import type { Prisma, PrismaClient } from '../../db/client.js';
import type { SourceRecord } from './sources.js';

/** A batch answered 200, or the earlier answer to the same idempotency key. */
export interface Accepted<B> {
  status: 200;
  replayed: boolean;
  body: B;
}
export interface KeyReused {
  status: 409;
  replayed: false;
  body: { error: string; message: string };
}

/** The answer a batch got the first time its idempotency key was sent, if it was. */
export async function earlierAnswer<B>(
  prisma: PrismaClient,
  source: SourceRecord,
  idempotencyKey: string | undefined,
  kind: string,
): Promise<Accepted<B> | KeyReused | undefined> {
  if (!idempotencyKey) return undefined;
  const earlier = await prisma.ingestBatch.findUnique({
    where: { sourceId_idempotencyKey: { sourceId: source.id, idempotencyKey } },
  });
  if (!earlier) return undefined;
  if (earlier.kind !== kind)
    return {
      status: 409,
      replayed: false,
      body: { error: 'idempotency_key_reused', message: `this idempotency key was used for a ${earlier.kind} batch` },
    };
  return { status: 200, replayed: true, body: earlier.response as B };
}

/**
 * Writes an accepted batch in one transaction: `write` stores its data and returns the answer, then
 * the batch is recorded under its idempotency key and the source marked successful. The same key
 * sent twice at once: the first wins, and the second gets its answer.
 */
export async function writeBatchOnce<B extends { batchId: string }>(
  prisma: PrismaClient,
  input: { source: SourceRecord; kind: string; rows: number; idempotencyKey?: string; now: Date },
  write: (tx: Prisma.TransactionClient) => Promise<B>,
): Promise<Accepted<B> | KeyReused> {
  const { source, idempotencyKey, now } = input;
  try {
    return await prisma.$transaction(
      async (tx) => {
        const body = await write(tx);
        await tx.ingestBatch.create({
          data: {
            id: body.batchId,
            sourceId: source.id,
            kind: input.kind,
            rows: input.rows,
            status: 200,
            response: body as object,
            ...(idempotencyKey ? { idempotencyKey } : {}),
          },
        });
        await tx.source.update({ where: { id: source.id }, data: { lastSuccessAt: now, authFailures: 0 } });
        return { status: 200 as const, replayed: false, body };
      },
      { timeout: 5 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      const earlier = await earlierAnswer<B>(prisma, source, idempotencyKey, input.kind);
      if (earlier) return earlier;
    }
    throw error;
  }
}
