import { z } from 'zod';
import type { ReplyPage } from '../replies/reply.js';

// A page of a long list, asked for by a caller that can come back for the rest (an MCP client with
// a cursor). Chat asks for no page: it gets the first rows and a line saying how many more there are.

export const pageArgs = z
  .object({ offset: z.number().int().min(0).max(1_000_000), size: z.number().int().min(1).max(200) })
  .optional();
export type PageArgs = z.infer<typeof pageArgs>;

/** The rows to show: the page asked for, or the first `chatRows` with a line naming what was left out. */
export function pageOf<T>(
  all: readonly T[],
  page: PageArgs,
  chatRows: number,
): { rows: T[]; page?: ReplyPage; moreLine?: string } {
  if (page) {
    const rows = all.slice(page.offset, page.offset + page.size);
    return { rows, page: { offset: page.offset, returned: rows.length, total: all.length } };
  }
  const rows = all.slice(0, chatRows);
  return { rows, ...(all.length > chatRows ? { moreLine: `... and ${all.length - chatRows} more` } : {}) };
}
