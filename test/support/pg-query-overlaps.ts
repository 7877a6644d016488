import pg from 'pg';

interface ClientState {
  _activeQuery: unknown;
  _queryQueue: unknown[];
}

/**
 * Records every query sent to a pg client that is still executing another: what pg 8 deprecates
 * ("Calling client.query() when the client is already executing a query") and pg 9 refuses. pg
 * warns only once per process and only from the third query on; this sees every overlap, on
 * PGlite (served over the wire) and PostgreSQL alike. Call `stop()` to restore pg.
 */
export function watchQueryOverlaps(): { overlaps: string[]; stop(): void } {
  const original = pg.Client.prototype.query;
  const overlaps: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client & ClientState, ...args: unknown[]) {
    if (this._activeQuery || this._queryQueue.length > 0) {
      const query = args[0] as string | { text?: string };
      overlaps.push((typeof query === 'string' ? query : (query.text ?? '')).slice(0, 120));
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    overlaps,
    stop() {
      pg.Client.prototype.query = original;
    },
  };
}
