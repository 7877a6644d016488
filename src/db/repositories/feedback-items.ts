import { createHash } from 'node:crypto';
import type { FeedbackKind } from '../client.js';
import type { DbClient } from './db-client.js';

export interface FeedbackInput {
  externalId?: string;
  accountId: string;
  contactId?: string;
  channel: string;
  kind: FeedbackKind;
  surveyType?: string;
  score?: number;
  text?: string;
  /** -1..1 and its label, computed when the text is stored. */
  sentiment?: { score: number; label: string };
  receivedAt: Date;
}

/** Stores feedback; items with an external id are upserted so re-imports do not duplicate them. */
/**
 * Feedback without an id of its own gets one derived from what it is (account, contact, time, kind,
 * survey, score, text), so a replayed batch updates the rows it wrote instead of adding them again.
 */
function withNaturalKey(item: FeedbackInput): FeedbackInput {
  if (item.externalId) return item;
  const identity = JSON.stringify([
    item.accountId,
    item.contactId ?? null,
    item.receivedAt.toISOString(),
    item.kind,
    item.surveyType ?? null,
    item.score ?? null,
    item.text ?? null,
  ]);
  return { ...item, externalId: `derived:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}` };
}

/**
 * Rows per statement. Prisma splits a statement over PostgreSQL's 32,767 bind parameters into
 * several and sends them at once, which on a transaction's single connection means two queries on
 * one pg client at a time (deprecated, and an error from pg 9). 1,000 rows of 11 columns, or 1,000
 * ids, stay far below the limit, and the batches run one after another.
 */
const batchSize = 1_000;

const inBatches = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / batchSize) }, (_, i) =>
    items.slice(i * batchSize, (i + 1) * batchSize),
  );

export async function upsertFeedbackItems(db: DbClient, input: FeedbackInput[]): Promise<number> {
  // The same item twice in one batch is one item.
  const items = [...new Map(input.map(withNaturalKey).map((i) => [i.externalId!, i])).values()];
  const externalIds = items.flatMap((i) => (i.externalId ? [i.externalId] : []));
  const existing = new Set<string | null>();
  for (const ids of inBatches(externalIds))
    for (const r of await db.feedbackItem.findMany({
      where: { externalId: { in: ids } },
      select: { externalId: true },
    }))
      existing.add(r.externalId);
  const fresh = items.filter((i) => !i.externalId || !existing.has(i.externalId));
  for (const batch of inBatches(fresh)) await db.feedbackItem.createMany({ data: batch.map(toData) });
  for (const item of items.filter((i) => i.externalId && existing.has(i.externalId))) {
    await db.feedbackItem.update({ where: { externalId: item.externalId! }, data: toData(item) });
  }
  return input.length;
}

function toData(item: FeedbackInput) {
  return {
    externalId: item.externalId ?? null,
    accountId: item.accountId,
    contactId: item.contactId ?? null,
    channel: item.channel,
    kind: item.kind,
    surveyType: item.surveyType ?? null,
    score: item.score ?? null,
    text: item.text ?? null,
    sentimentScore: item.sentiment?.score ?? null,
    sentimentLabel: item.sentiment?.label ?? null,
    receivedAt: item.receivedAt,
  };
}
