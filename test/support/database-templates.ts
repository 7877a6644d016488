import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { startEmbeddedPostgres } from '../../src/db/embedded/embedded-postgres.js';
import { readMigrationFiles } from '../../src/db/migrations/migration-files.js';
import { applyMigrations } from '../../src/db/migrations/migrator.js';
import { migrationsDir } from '../../src/paths.js';

// Every test database starts as a copy of one migrated database instead of running initdb and every
// migration again (PGlite: 5-7 s each on this 2-core machine; a copy loads in about half a second).
// The copies are keyed by the migrations and the PGlite version, so a changed migration never
// reuses an old copy.

// The installed PGlite (its data folder format), read from the file: the package exports no package.json.
const pgliteVersion = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;

/** sha256 of every migration (names and SQL) and the PGlite version, shortened. */
export const migrationsKey = (() => {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion}\n`);
  for (const migration of readMigrationFiles(migrationsDir)) hash.update(`${migration.name}\n${migration.checksum}\n`);
  return hash.digest('hex').slice(0, 16);
})();

let pgliteTemplate: Promise<Blob> | undefined;

/** A migrated PGlite data folder (tar), made once per machine and set of migrations. */
export function migratedPgliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= loadOrMakePgliteTemplate();
  return pgliteTemplate;
}

async function loadOrMakePgliteTemplate(): Promise<Blob> {
  const path = join(tmpdir(), `tend-test-pglite-${migrationsKey}.tar`);
  if (!existsSync(path)) {
    // Test files run in parallel workers: one makes the copy, the others wait for it.
    const release = await lockfile.lock(path, {
      lockfilePath: `${path}.lock`,
      realpath: false,
      stale: 60_000,
      retries: { retries: 600, minTimeout: 100, maxTimeout: 500 },
    });
    try {
      if (!existsSync(path)) {
        const embedded = await startEmbeddedPostgres(undefined);
        try {
          await applyMigrations(embedded.url);
          const dump = await embedded.dumpDataDir();
          writeFileSync(`${path}.partial`, Buffer.from(await dump.arrayBuffer()));
          renameSync(`${path}.partial`, path);
        } finally {
          await embedded.stop();
        }
      }
    } finally {
      await release();
    }
  }
  return new Blob([readFileSync(path)]);
}

const templateDatabase = `tend_test_tpl_${migrationsKey}`;
let postgresTemplate: Promise<string> | undefined;

/**
 * The name of a migrated database on the PostgreSQL service to copy test databases from
 * (`CREATE DATABASE ... TEMPLATE`), made once per set of migrations under an advisory lock.
 */
export function migratedPostgresTemplate(adminUrl: string): Promise<string> {
  postgresTemplate ??= makePostgresTemplate(adminUrl);
  return postgresTemplate;
}

async function makePostgresTemplate(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [templateDatabase]);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [templateDatabase]);
    if (found.rowCount === 0) {
      // Migrated under another name and renamed, so a half-made template is never copied.
      const partial = `${templateDatabase}_partial`;
      await admin.query(`DROP DATABASE IF EXISTS "${partial}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${partial}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${partial}`;
      await applyMigrations(url.toString());
      await admin.query(`ALTER DATABASE "${partial}" RENAME TO "${templateDatabase}"`);
    }
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [templateDatabase]);
  } finally {
    await admin.end();
  }
  return templateDatabase;
}
