import type { DbClient } from '../../db/repositories/db-client.js';

export interface OutcomeInput {
  /** The source's key (contract or opportunity id): recording it again updates it. */
  externalId: string;
  accountId: string;
  kind: 'RENEWED' | 'EXPANDED' | 'CONTRACTED' | 'CHURNED';
  /** ISO day. */
  occurredOn: string;
  arrBefore?: number | null;
  arrAfter?: number | null;
  currency?: string;
  source: 'import' | 'ingest' | 'derived' | 'demo';
}

/** Stores renewal outcomes, idempotently by external id (a replayed batch changes nothing). */
export async function recordOutcomes(db: DbClient, outcomes: readonly OutcomeInput[]): Promise<number> {
  for (const o of outcomes) {
    const data = {
      accountId: o.accountId,
      kind: o.kind,
      occurredOn: new Date(`${o.occurredOn}T00:00:00Z`),
      arrBefore: o.arrBefore ?? null,
      arrAfter: o.arrAfter ?? null,
      currency: o.currency ?? 'USD',
      source: o.source,
    };
    await db.renewalOutcome.upsert({
      where: { externalId: o.externalId },
      create: { externalId: o.externalId, ...data },
      update: data,
    });
  }
  return outcomes.length;
}
