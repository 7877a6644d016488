import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded/embedded-postgres.js';
import { migratedPgliteTemplate, migratedPostgresTemplate } from './database-templates.js';

export interface TestDatabase {
  kind: 'pglite' | 'postgresql';
  url: string;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** The PostgreSQL service for the `postgresql` runs; unset means those runs are skipped. */
export const postgresUrl = process.env.TEND_TEST_POSTGRES_URL;

/**
 * The kinds a suite runs on. TEND_TEST_DATABASE_KINDS=postgresql lets CI run only the PostgreSQL
 * part after the README's `npm test` has run everything on PGlite.
 */
export const databaseKinds: TestDatabase['kind'][] = selectedKinds(process.env.TEND_TEST_DATABASE_KINDS);

function selectedKinds(value: string | undefined): TestDatabase['kind'][] {
  const all: TestDatabase['kind'][] = ['pglite', 'postgresql'];
  if (!value) return all;
  const wanted = value.split(',').map((kind) => kind.trim());
  const unknown = wanted.filter((kind) => !all.includes(kind as TestDatabase['kind']));
  if (unknown.length > 0)
    throw new Error(`TEND_TEST_DATABASE_KINDS: unknown kind(s) ${unknown.join(', ')}; use pglite, postgresql`);
  return all.filter((kind) => wanted.includes(kind));
}

let announced = false;
export function skipPostgres(kind: TestDatabase['kind']): boolean {
  const skip = kind === 'postgresql' && !postgresUrl;
  if (skip && !announced) {
    announced = true;
    console.warn(
      'PostgreSQL suite skipped: set TEND_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) to run it.',
    );
  }
  return skip;
}

/**
 * A fresh, migrated database: an in-memory PGlite, or a new database created on the PostgreSQL
 * service and dropped afterwards. Never a user's data.
 */
export async function createTestDatabase(kind: TestDatabase['kind']): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const embedded = await startEmbeddedPostgres(undefined, { loadDataDir: await migratedPgliteTemplate() });
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: embedded.url, max: 1 }) });
    return {
      kind,
      url: embedded.url,
      prisma,
      async close() {
        await prisma.$disconnect();
        await embedded.stop();
      },
    };
  }
  if (!postgresUrl) throw new Error('TEND_TEST_POSTGRES_URL is not set');
  const name = `tend_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const template = await migratedPostgresTemplate(postgresUrl);
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await createDatabaseFrom(admin, name, template);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 5 }) });
  return {
    kind,
    url: url.toString(),
    prisma,
    async close() {
      await prisma.$disconnect();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** CREATE DATABASE ... TEMPLATE, retried while another session still holds the template open. */
async function createDatabaseFrom(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      const busy = /is being accessed by other users/.test((error as Error).message);
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
