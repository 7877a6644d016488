import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { Logger } from '../../src/logging/logger.js';

/**
 * Runs `work` against a new database on the server at `adminUrl`, dropped afterwards, so benches
 * never touch existing data.
 */
export async function withTemporaryDatabase<T>(adminUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `tend_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** A migrated Tend database on a temporary PostgreSQL database, closed and dropped afterwards. */
export async function withBenchDatabase<T>(
  adminUrl: string,
  logger: Logger,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  return withTemporaryDatabase(adminUrl, async (url) => {
    const db = await openDatabase(
      { url, dataDir: '', poolMax: 5, migrateOnStart: true, seedDemoOnFirstStart: false },
      logger,
    );
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  });
}
