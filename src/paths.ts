import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The folder holding package.json, prisma/, prompts/ and examples/. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const prismaDir = join(projectRoot, 'prisma');
export const schemaPath = join(prismaDir, 'schema.prisma');
export const migrationsDir = join(prismaDir, 'migrations');
/** The schema as of the newest migration: `db new` and `db check` diff against it offline. */
export const migratedSchemaPath = join(migrationsDir, 'schema.snapshot.prisma');
