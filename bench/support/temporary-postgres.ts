import pg from 'pg';

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
