import { withoutNul } from '../../core/text/without-nul.js';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { z } from 'zod';

export interface RowProblem {
  /** 1-based line in the file where the record starts (the header is line 1). */
  line: number;
  column?: string;
  message: string;
}

export interface ParsedRow<T> {
  line: number;
  row: T;
}

export interface ParseResult<T> {
  rows: ParsedRow<T>[];
  problems: RowProblem[];
  /** Columns present in the file that the kind does not use (ignored, reported). */
  ignoredColumns: string[];
  records: number;
}

/** `Account External ID` -> `account_external_id`. */
export function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Streams a CSV file through csv-parse and validates every record with `schema`, collecting every
 * problem with its line number instead of stopping at the first.
 */
export async function parseCsv<T>(
  input: Readable,
  schema: z.ZodType<T>,
  columns: { required: string[]; known: string[] },
): Promise<ParseResult<T>> {
  const problems: RowProblem[] = [];
  const rows: ParsedRow<T>[] = [];
  let ignoredColumns: string[] = [];
  let headerChecked = false;
  let records = 0;
  // The line the parser last finished a record on (the header is line 1), tracked as it parses.
  let lastRecordLine = 1;
  // An unclosed quote swallows the rest of the file, so csv-parse names the last line; the quote
  // was opened on the line after the last record the parser finished.
  const lineOf = (error: Error) =>
    (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED'
      ? lastRecordLine + 1
      : ((error as { lines?: number }).lines ?? 0);

  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map(normaliseHeader),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
      skip_records_with_error: true,
      // With `info`, csv-parse hands on_record the record wrapped with its info.
      on_record: (wrapped: { record: Record<string, string> }, context) => {
        lastRecordLine = context.lines;
        for (const [k, v] of Object.entries(wrapped.record))
          if (typeof v === 'string') wrapped.record[k] = withoutNul(v);
        return wrapped;
      },
      on_skip: (error) => {
        if (!error) return;
        problems.push({ line: lineOf(error), message: describeCsvError(error) });
        // A skipped record ends somewhere too.
        lastRecordLine = (error as { lines?: number }).lines ?? lastRecordLine;
      },
    }),
  );

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (!headerChecked) {
        headerChecked = true;
        const present = Object.keys(record);
        const missing = columns.required.filter((c) => !present.includes(c));
        if (missing.length > 0) {
          problems.push({
            line: 1,
            message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected: ${columns.known.join(', ')})`,
          });
          return { rows: [], problems, ignoredColumns: [], records: 0 };
        }
        ignoredColumns = present.filter((c) => !columns.known.includes(c));
      }
      records += 1;
      // info.lines is the line the record ends on; multi-line quoted cells are rare, and the
      // start line is what an editor needs, so count back the newlines inside the record.
      const line = info.lines - countEmbeddedNewlines(record);
      const result = schema.safeParse(record);
      if (result.success) {
        rows.push({ line, row: result.data });
      } else {
        for (const issue of result.error.issues) {
          const column = issue.path.length > 0 ? String(issue.path[0]) : undefined;
          const value = column ? record[column] : undefined;
          problems.push({
            line,
            ...(column ? { column } : {}),
            message: column
              ? `${column} ${value === undefined || value === '' ? '' : `"${truncate(value)}" `}${issue.message}`.replace(
                  /\s+/g,
                  ' ',
                )
              : issue.message,
          });
        }
      }
    }
  } catch (error) {
    problems.push({ line: lineOf(error as Error), message: describeCsvError(error as Error) });
  }
  if (!headerChecked && problems.length === 0) {
    problems.push({ line: 1, message: 'the file is empty: expected a header row and at least one record' });
  }
  // csv-parse reports structural errors as it meets them, ahead of records already buffered.
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, ignoredColumns, records };
}

function countEmbeddedNewlines(record: Record<string, string>): number {
  let n = 0;
  for (const value of Object.values(record)) n += (value.match(/\n/g) ?? []).length;
  return n;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

function describeCsvError(error: Error): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'has a different number of cells than the header (a missing or extra comma?)';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'has a quote that is never closed (everything after it was read as one cell)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'has a quote in the middle of a cell (wrap the cell in quotes and double inner quotes)';
    default:
      return error.message;
  }
}
