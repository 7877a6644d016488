import type { Command } from 'commander';
import { startEmbeddedPostgres } from '../../db/embedded/embedded-postgres.js';
import { createMigration, migrationStatus, pendingSchemaChange } from '../../db/migrations/migrator.js';
import { CommandError, createCliContext } from '../cli-context.js';

/** Diffs run on a throwaway in-memory database: they never need, or touch, real data. */
async function withScratchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const scratch = await startEmbeddedPostgres(undefined);
  try {
    return await run(scratch.url);
  } finally {
    await scratch.stop();
  }
}

export function registerDb(program: Command): void {
  const db = program.command('db').description('Database migrations (offline; Prisma layout in prisma/migrations)');

  db.command('migrate')
    .description('Apply pending migrations to the configured database')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const applied = await ctx.withDatabase(async (d) => d.appliedMigrations, { migrate: true });
      ctx.out(
        applied.length === 0
          ? 'Database is up to date; no migration applied.'
          : `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`,
      );
    });

  db.command('status')
    .description('List applied and pending migrations')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const rows = await ctx.withDatabase((d) => migrationStatus(d.url), { migrate: false });
      for (const row of rows)
        ctx.out(`${row.state.padEnd(16)} ${row.name}${row.appliedAt ? `  (${row.appliedAt.toISOString()})` : ''}`);
      const pending = rows.filter((r) => r.state !== 'applied');
      ctx.out(
        pending.length === 0
          ? 'All migrations are applied.'
          : `${pending.length} migration(s) not applied; run: tend db migrate`,
      );
      if (rows.some((r) => r.state === 'failed' || r.state === 'modified')) process.exitCode = 1;
    });

  db.command('new <name>')
    .description('Write a new migration from the changes made to prisma/schema.prisma')
    .action(async (name: string) => {
      const ctx = createCliContext({ quiet: true });
      const created = await withScratchDatabase((url) => createMigration(url, name, new Date()));
      ctx.out(
        created
          ? `Wrote prisma/migrations/${created}/migration.sql; review it, then run: tend db migrate`
          : 'schema.prisma matches the migrations; nothing to write.',
      );
    });

  db.command('check')
    .description('Exit non-zero when prisma/schema.prisma and the migrations disagree')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const sql = await withScratchDatabase((url) => pendingSchemaChange(url));
      if (sql) {
        throw new CommandError(
          `prisma/schema.prisma has changes that no migration contains. Run: tend db new <name>\nThe missing migration would be:\n${sql}`,
        );
      }
      ctx.out('schema.prisma and the migrations agree.');
    });
}
