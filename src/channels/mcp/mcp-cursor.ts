import { createHash } from 'node:crypto';

// Opaque cursors for lists read in pages: the next row's offset, bound to the call's own arguments
// so a cursor from another query is refused rather than paging through the wrong list. Nothing is
// kept on the server (any replica reads any cursor); a forged offset only pages the caller's own list.

const queryKey = (tool: string, args: Record<string, unknown>) => {
  const { cursor: _cursor, limit: _limit, ...rest } = args;
  const sorted = Object.keys(rest)
    .sort()
    .map((k) => [k, rest[k]]);
  return createHash('sha256')
    .update(JSON.stringify([tool, sorted]))
    .digest('base64url')
    .slice(0, 16);
};

export function cursorFor(tool: string, args: Record<string, unknown>, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, k: queryKey(tool, args) })).toString('base64url');
}

/** The offset a cursor stands for, or undefined when it is malformed or from another query. */
export function readCursor(cursor: string, tool: string, args: Record<string, unknown>): number | undefined {
  try {
    const { o, k } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; k?: unknown };
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o > 1_000_000) return undefined;
    return k === queryKey(tool, args) ? o : undefined;
  } catch {
    return undefined;
  }
}
