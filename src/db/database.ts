import { PrismaPg } from '@prisma/adapter-pg';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { redactUrl } from '../logging/logger.js';
import { migrationsDir } from '../paths.js';
import { PrismaClient } from './client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres.js';
import { readMigrationFiles } from './migrations/migration-files.js';
import { applyMigrations } from './migrations/migrator.js';

export interface Database {
  prisma: PrismaClient;
  kind: 'embedded' | 'postgresql';
  /** Connection string (for the embedded database, its loopback address). Contains credentials. */
  url: string;
  /** Migrations applied while opening. */
  appliedMigrations: string[];
  /** True when the database answers and every local migration has been applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations first (defaults to the configuration's migrateOnStart). */
  migrate?: boolean;
  /** In-memory embedded database, for tests and scratch work. */
  inMemory?: boolean;
}

/**
 * Opens PostgreSQL at DATABASE_URL, or the embedded PGlite database in TEND_DATA_DIR when no URL is
 * set, applies pending migrations if asked, and returns a Prisma client on it.
 */
export async function openDatabase(
  config: Config['database'],
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.url;
  if (!url) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres(options.inMemory ? undefined : config.dataDir);
    url = embedded.url;
    logger.info(
      { dataDir: embedded.dataDir ?? '(memory)', ms: Date.now() - started },
      'embedded PostgreSQL (PGlite) started',
    );
  } else {
    logger.info({ database: redactUrl(url) }, 'using PostgreSQL');
  }
  try {
    const appliedMigrations = (options.migrate ?? config.migrateOnStart) ? await applyMigrations(url) : [];
    if (appliedMigrations.length > 0) logger.info({ migrations: appliedMigrations }, 'applied migrations');
    const adapter = new PrismaPg({ connectionString: url, max: embedded ? 1 : config.poolMax });
    const prisma = new PrismaClient({ adapter });
    await prisma.$connect();
    const localMigrations = readMigrationFiles(migrationsDir).map((m) => m.name);
    return {
      prisma,
      kind: embedded ? 'embedded' : 'postgresql',
      url,
      appliedMigrations,
      isReady: () => isReady(prisma, localMigrations),
      async close() {
        await prisma.$disconnect();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

async function isReady(prisma: PrismaClient, localMigrations: string[]): Promise<boolean> {
  try {
    const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((row) => row.migration_name));
    return localMigrations.every((name) => applied.has(name));
  } catch {
    return false;
  }
}
