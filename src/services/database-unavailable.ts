// Whether an error means the database cannot be reached right now (stopped, restarting, network
// gone, pool exhausted), as opposed to a bug or bad data: then a person is told to try again in a
// minute instead of being given a reference to report.

/** What a person is told when the database cannot be reached. */
export const databaseUnavailableMessage = "Tend's database is unavailable, try again in a minute.";

// Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017), no
// connection from the pool in time (P2024).
const prismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Driver adapter kinds (@prisma/adapter-pg) for the same conditions.
const adapterKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// PostgreSQL: connection exceptions (08xxx), shutting down or starting up (57P01-57P03), too many connections.
const postgresCodes = /^(08\d{3}|57P0[123]|53300)$/;
// Socket errors from `pg` itself.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
const messages =
  /Connection terminated|Can't reach database server|connection timeout|Server has closed the connection/i;

type Loose = {
  code?: unknown;
  meta?: unknown;
  cause?: unknown;
  message?: unknown;
  kind?: unknown;
  originalCode?: unknown;
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as Loose;
  if (typeof e.code === 'string' && (prismaCodes.has(e.code) || socketCodes.has(e.code) || postgresCodes.test(e.code)))
    return true;
  if (typeof e.kind === 'string' && adapterKinds.has(e.kind)) return true;
  if (typeof e.originalCode === 'string' && postgresCodes.test(e.originalCode)) return true;
  if (e.kind === 'postgres' && typeof e.code === 'string' && postgresCodes.test(e.code)) return true;
  if (typeof e.message === 'string' && messages.test(e.message)) return true;
  const adapter = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return isDatabaseUnavailable(adapter, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
