import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.js';
import { parseCsv, type RowProblem } from './parse-csv.js';
import { planners } from './import-plans.js';
import { rowSchemas, type ImportKind } from './row-schemas.js';

export interface ImportReport {
  kind: ImportKind;
  records: number;
  problems: RowProblem[];
  ignoredColumns: string[];
  creates: number;
  updates: number;
  dryRun: boolean;
  /** True only when every row was written; a file with any problem writes nothing. */
  applied: boolean;
}

const requiredColumns: Record<ImportKind, string[]> = {
  users: ['email', 'name'],
  accounts: ['external_id', 'name', 'segment', 'tier', 'lifecycle_stage', 'arr'],
  contacts: ['external_id', 'account_external_id', 'name'],
  metrics: ['account_external_id', 'key', 'date', 'value'],
  feedback: ['account_external_id', 'received_at'],
  outcomes: ['external_id', 'account_external_id', 'kind', 'occurred_on'],
};

/** Imports one CSV file all-or-nothing: every row is checked first, then all are written in one transaction. */
export async function importCsv(
  prisma: PrismaClient,
  input: { kind: ImportKind; stream: Readable; dryRun?: boolean },
): Promise<ImportReport> {
  const schema: z.ZodObject = rowSchemas[input.kind];
  const parsed = await parseCsv<unknown>(input.stream, schema, {
    required: requiredColumns[input.kind],
    known: Object.keys(schema.shape),
  });
  const report: ImportReport = {
    kind: input.kind,
    records: parsed.records,
    problems: parsed.problems,
    ignoredColumns: parsed.ignoredColumns,
    creates: 0,
    updates: 0,
    dryRun: input.dryRun ?? false,
    applied: false,
  };
  if (parsed.problems.some((p) => p.line === 1 && p.message.startsWith('missing column'))) return report;
  const plan = await planners[input.kind](prisma, parsed.rows as never);
  report.problems = [...report.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  report.creates = plan.creates;
  report.updates = plan.updates;
  if (report.problems.length > 0 || report.dryRun || parsed.rows.length === 0) return report;
  await prisma.$transaction(async (tx) => plan.write(tx), { timeout: 10 * 60_000, maxWait: 60_000 });
  report.applied = true;
  return report;
}
