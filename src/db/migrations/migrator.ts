import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  migratedSchemaPath,
  migrationsDir as defaultMigrationsDir,
  schemaPath as defaultSchemaPath,
} from '../../paths.js';
import { lockfileName, migrationDirName, readMigrationFiles, toMigrationList } from './migration-files.js';
import { engineError, openSchemaEngine } from './schema-engine.js';

export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
  snapshotPath: string;
}

export const defaultMigrationPaths: MigrationPaths = {
  schemaPath: defaultSchemaPath,
  migrationsDir: defaultMigrationsDir,
  snapshotPath: migratedSchemaPath,
};

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every pending migration; returns the names applied (none when up to date). */
export async function applyMigrations(
  connectionString: string,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<string[]> {
  const migrations = readMigrationFiles(paths.migrationsDir);
  const handle = await openSchemaEngine(connectionString, readFileSync(paths.schemaPath, 'utf8'));
  try {
    const result = await handle.engine.applyMigrations({
      migrationsList: toMigrationList(paths.migrationsDir, migrations),
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  } catch (error) {
    throw engineError(error);
  } finally {
    await handle.close();
  }
}

export type MigrationState = 'applied' | 'pending' | 'failed' | 'modified' | 'missing locally';

export interface MigrationStatusRow {
  name: string;
  state: MigrationState;
  appliedAt?: Date;
}

/** Compares `_prisma_migrations` with the migration folders, as `prisma migrate status` would. */
export async function migrationStatus(
  connectionString: string,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<MigrationStatusRow[]> {
  const local = readMigrationFiles(paths.migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const exists = await client.query<{ found: string | null }>(
      `SELECT to_regclass('_prisma_migrations')::text AS found`,
    );
    type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };
    const applied = exists.rows[0]?.found
      ? (
          await client.query<Row>(
            `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations
             WHERE rolled_back_at IS NULL ORDER BY started_at`,
          )
        ).rows
      : [];
    const byName = new Map(applied.map((row) => [row.migration_name, row]));
    const rows: MigrationStatusRow[] = local.map((m) => {
      const row = byName.get(m.name);
      if (!row) return { name: m.name, state: 'pending' };
      if (!row.finished_at) return { name: m.name, state: 'failed' };
      return {
        name: m.name,
        state: row.checksum === m.checksum ? 'applied' : 'modified',
        appliedAt: row.finished_at,
      };
    });
    const localNames = new Set(local.map((m) => m.name));
    for (const row of applied) {
      if (!localNames.has(row.migration_name)) rows.push({ name: row.migration_name, state: 'missing locally' });
    }
    return rows;
  } finally {
    await client.end();
  }
}

/** SQL that takes the migrated schema (the snapshot) to the current schema.prisma; '' when equal. */
export async function pendingSchemaChange(
  scratchConnectionString: string,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<string> {
  const current = readFileSync(paths.schemaPath, 'utf8');
  const handle = await openSchemaEngine(scratchConnectionString, current);
  try {
    const from = existsSync(paths.snapshotPath)
      ? {
          tag: 'schemaDatamodel' as const,
          files: [{ path: 'schema.prisma', content: readFileSync(paths.snapshotPath, 'utf8') }],
        }
      : { tag: 'empty' as const };
    const result = await handle.engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: current }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    // exitCode 2 means "different"; the engine prints a comment-only script when they are the same.
    const sql = (result.stdout ?? '').trim();
    return result.exitCode === 2 && !isEmptyMigration(sql) ? sql : '';
  } catch (error) {
    throw engineError(error);
  } finally {
    await handle.close();
  }
}

/**
 * Writes a new migration for the difference between the snapshot and schema.prisma, then moves the
 * snapshot forward. Returns the folder name, or undefined when there is nothing to migrate.
 */
export async function createMigration(
  scratchConnectionString: string,
  name: string,
  now: Date,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<string | undefined> {
  const dirName = migrationDirName(now, name);
  const sql = await pendingSchemaChange(scratchConnectionString, paths);
  if (!sql) return undefined;
  mkdirSync(join(paths.migrationsDir, dirName), { recursive: true });
  writeFileSync(join(paths.migrationsDir, dirName, 'migration.sql'), `${sql}\n`);
  const lockPath = join(paths.migrationsDir, lockfileName);
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  writeFileSync(paths.snapshotPath, readFileSync(paths.schemaPath, 'utf8'));
  return dirName;
}

function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}
