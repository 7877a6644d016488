import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import lockfile from 'proper-lockfile';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), with its data in a folder, served on loopback so the
 * same `pg` driver and Prisma adapter work against it as against a real server. PGlite is a single
 * session, so callers keep their pools to one connection.
 */
export interface EmbeddedPostgres {
  url: string;
  dataDir: string | undefined;
  /** The whole data folder as an uncompressed tar, for `loadDataDir` (call it with no query running). */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another Tend process. ` +
        'Stop that process first, or point TEND_DATA_DIR at another folder. ' +
        '(If Tend crashed, the lock frees itself within 10 seconds.)',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface EmbeddedPostgresOptions {
  /**
   * A data folder dumped earlier (`PGlite.dumpDataDir`) to start from instead of an empty cluster:
   * tests start from a migrated copy in well under a second rather than running initdb each time.
   */
  loadDataDir?: Blob;
}

/** Starts PGlite; `dataDir` undefined keeps everything in memory (tests, `tend db new`). */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  let release: (() => Promise<void>) | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // PGlite does not guard its folder; two processes writing to it would corrupt it.
      release = await lockfile.lock(dataDir, {
        lockfilePath: `${dataDir}.lock`,
        stale: 10_000,
        update: 2_000,
        realpath: false,
        onCompromised: (error) => {
          // Another process took the lock over (our updates stalled); continuing would risk the data.
          process.emitWarning(`Embedded database lock lost: ${error.message}`);
          process.exit(75);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
      throw error;
    }
  }
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    // PGlite runs one session; the socket server queues every query onto it and keeps a transaction's
    // queries together. The app pool stays at one connection; the slack here covers a migration or
    // status client whose socket is still closing when the next one connects.
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await release?.();
    throw error;
  }
  const [host, port] = server.getServerConn().split(':');
  const url = `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
  let stopped = false;
  return {
    url,
    dataDir,
    dumpDataDir: () => db.dumpDataDir('none'),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      await release?.();
    },
  };
}
