import type { DbClient } from './db-client.js';

export interface MetricObservationInput {
  accountId: string;
  key: string;
  /** Calendar day, YYYY-MM-DD. */
  date: string;
  value: number;
  source: string;
}

const batchSize = 5_000;

/**
 * Inserts observations in batches of one statement each (arrays unnested server-side), replacing
 * the value of an existing (account, key, date, source) when it differs. Returns the number of rows written.
 */
export async function upsertMetricObservations(db: DbClient, rows: MetricObservationInput[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    written += await db.$executeRaw`
      INSERT INTO "MetricObservation" ("accountId", "key", "date", "value", "source")
      SELECT * FROM unnest(
        ${batch.map((r) => r.accountId)}::uuid[],
        ${batch.map((r) => r.key)}::text[],
        ${batch.map((r) => r.date)}::date[],
        ${batch.map((r) => r.value)}::float8[],
        ${batch.map((r) => r.source)}::text[])
      ON CONFLICT ("accountId", "key", "date", "source")
      DO UPDATE SET "value" = EXCLUDED."value", "createdAt" = now()
      -- The same value again is no change: it must not look like new data to the recompute.
      WHERE "MetricObservation"."value" IS DISTINCT FROM EXCLUDED."value"`;
  }
  return written;
}

export async function countMetricObservations(db: DbClient): Promise<number> {
  return db.metricObservation.count();
}
