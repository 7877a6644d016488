import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.js';
import { findAccountIdsByExternalId } from '../../db/repositories/accounts.js';
import { planners } from '../import/import-plans.js';
import type { ParsedRow } from '../import/parse-csv.js';
import { rowSchemas } from '../import/row-schemas.js';
import { markAccountsFresh } from './account-freshness.js';
import { earlierAnswer, writeBatchOnce, type Accepted, type KeyReused } from './ingest-batches.js';
import type { SourceRecord } from './sources.js';

export const rowKinds = ['accounts', 'contacts', 'metrics', 'feedback', 'outcomes'] as const;
export type RowKind = (typeof rowKinds)[number];
export const maxBatchRows = 10_000;

export interface RowProblemOut {
  /** 0-based position in `rows`. */
  index: number;
  field?: string;
  message: string;
}

interface AcceptedBody {
  batchId: string;
  kind: string;
  rows: number;
  creates: number;
  updates: number;
  accounts: number;
}

export type IngestOutcome =
  | Accepted<AcceptedBody>
  | KeyReused
  | { status: 413 | 422; replayed: false; body: { error: string; message: string; problems?: RowProblemOut[] } };

/**
 * A JSON row as a CSV cell would carry it, so the API and `tend import` share one validation:
 * numbers and booleans as text, lists joined with ';', null as empty.
 */
function asCells(row: unknown): Record<string, string> | undefined {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return undefined;
  const cells: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) cells[key] = '';
    else if (Array.isArray(value)) cells[key] = value.map(String).join(';');
    else if (typeof value === 'object') cells[key] = JSON.stringify(value);
    else cells[key] = String(value);
  }
  return cells;
}

/** The dated field of each kind that must not lie in the future (a day of slack for time zones). */
const datedField: Partial<Record<RowKind, string>> = { metrics: 'date', feedback: 'received_at' };

function validate(kind: RowKind, rows: unknown[], sourceName: string, now: Date) {
  const latest = new Date(now.getTime() + 86_400_000);
  const schema: z.ZodType = rowSchemas[kind];
  const parsed: ParsedRow<unknown>[] = [];
  const problems: RowProblemOut[] = [];
  rows.forEach((raw, index) => {
    const cells = asCells(raw);
    if (!cells) {
      problems.push({ index, message: 'must be an object of fields' });
      return;
    }
    // Metrics are kept per source; a caller writes as its own source only.
    if (kind === 'metrics') cells.source = sourceName;
    const result = schema.safeParse(cells);
    const field = datedField[kind];
    const dated = result.success && field ? (result.data as Record<string, unknown>)[field] : undefined;
    const when = dated instanceof Date ? dated : typeof dated === 'string' ? new Date(dated) : undefined;
    if (when && when > latest)
      problems.push({
        index,
        field: field!,
        message: `${field} is in the future (${cells[field!]}); send data as of now or earlier`,
      });
    else if (result.success) parsed.push({ line: index, row: result.data });
    else
      for (const issue of result.error.issues) {
        const field = issue.path.length ? String(issue.path[0]) : undefined;
        problems.push({
          index,
          ...(field ? { field } : {}),
          message: field ? `${field} ${issue.message}` : issue.message,
        });
      }
  });
  return { parsed, problems };
}

const accountKeyOf = (kind: RowKind, row: Record<string, unknown>) =>
  String(kind === 'accounts' ? row.external_id : row.account_external_id);

/**
 * Writes one batch from a source, all or nothing, with the same checks as `tend import`. A batch
 * sent again with the same idempotency key gets the first answer back and writes nothing; without a
 * key, rows are upserted by their natural keys, so a replay changes no data either.
 */
export async function ingestRows(
  prisma: PrismaClient,
  input: { source: SourceRecord; kind: RowKind; rows: unknown[]; idempotencyKey?: string; now: Date },
): Promise<IngestOutcome> {
  const { source, kind, rows, now } = input;
  const earlier = await earlierAnswer<AcceptedBody>(prisma, source, input.idempotencyKey, kind);
  if (earlier) return earlier;
  if (rows.length > maxBatchRows)
    return rejected(413, 'batch_too_large', `a batch holds at most ${maxBatchRows} rows; this one has ${rows.length}`);
  const { parsed, problems } = validate(kind, rows, source.name, now);
  const plan = await planners[kind](prisma, parsed as never);
  for (const p of plan.problems)
    problems.push({
      index: p.line,
      ...(p.column ? { field: p.column } : {}),
      message: p.message.replace(/\bof line (\d+)/, 'of row $1'),
    });
  if (problems.length > 0) {
    problems.sort((a, b) => a.index - b.index);
    const bad = new Set(problems.map((p) => p.index)).size;
    return {
      status: 422,
      replayed: false,
      body: {
        error: 'invalid_rows',
        message: `${bad} of ${rows.length} row(s) have problems; nothing was written`,
        problems: problems.slice(0, 1_000),
      },
    };
  }
  return writeBatchOnce<AcceptedBody>(
    prisma,
    { source, kind, rows: rows.length, now, ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}) },
    async (tx) => {
      await plan.write(tx);
      const accountIds = await findAccountIdsByExternalId(tx, [
        ...new Set(parsed.map((p) => accountKeyOf(kind, p.row as Record<string, unknown>))),
      ]);
      await markAccountsFresh(tx, [...accountIds.values()], source.name, now);
      return {
        batchId: randomUUID(),
        kind,
        rows: rows.length,
        creates: plan.creates,
        updates: plan.updates,
        accounts: accountIds.size,
      };
    },
  );
}

function rejected(status: 413 | 422, error: string, message: string): IngestOutcome {
  return { status, replayed: false, body: { error, message } };
}
