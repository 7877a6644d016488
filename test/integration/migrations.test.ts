import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createMigration,
  migrationStatus,
  pendingSchemaChange,
  type MigrationPaths,
} from '../../src/db/migrations/migrator.js';
import { readMigrationFiles } from '../../src/db/migrations/migration-files.js';
import { migrationsDir, prismaDir } from '../../src/paths.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('migrations on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (!skipPostgres(kind)) db = await createTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))(
    'applies every migration once and records it as prisma migrate deploy does',
    async () => {
      const status = await migrationStatus(db.url);
      expect(status.map((s) => s.name)).toEqual(readMigrationFiles(migrationsDir).map((m) => m.name));
      expect(status.every((s) => s.state === 'applied')).toBe(true);
      expect(await applyMigrations(db.url)).toEqual([]);
    },
  );

  it.skipIf(skipPostgres(kind))('creates a table for every model', async () => {
    const p = db.prisma;
    const counts = await Promise.all([
      p.user.count(),
      p.account.count(),
      p.contact.count(),
      p.metricObservation.count(),
      p.healthSnapshot.count(),
      p.feedbackItem.count(),
      p.activity.count(),
      p.alert.count(),
      p.successPlan.count(),
      p.successGoal.count(),
      p.qbrDraft.count(),
      p.conversationReference.count(),
      p.jobRun.count(),
      p.setting.count(),
    ]);
    expect(counts.every((c) => c === 0)).toBe(true);
  });

  it.skipIf(skipPostgres(kind))('keeps money exact and job slots unique', async () => {
    const account = await db.prisma.account.create({
      data: {
        externalId: 'm-1',
        name: 'Money Co',
        segment: 'standard',
        tier: 'essential',
        lifecycleStage: 'adoption',
        arr: '1234567890.99',
        currency: 'EUR',
      },
    });
    const read = await db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(read.arr.toString()).toBe('1234567890.99');
    const slot = new Date('2026-11-22T06:00:00Z');
    const claim = { job: 'recompute', slot, runner: 'a', claimedAt: slot, expiresAt: slot };
    await db.prisma.jobRun.create({ data: claim });
    await expect(db.prisma.jobRun.create({ data: { ...claim, runner: 'b' } })).rejects.toThrow();
  });
});

describe('writing and checking migrations offline', () => {
  let scratch: TestDatabase;
  let paths: MigrationPaths;
  beforeAll(async () => {
    scratch = await createTestDatabase('pglite');
    const dir = mkdtempSync(join(tmpdir(), 'tend-migrations-'));
    cpSync(prismaDir, dir, { recursive: true });
    paths = {
      schemaPath: join(dir, 'schema.prisma'),
      migrationsDir: join(dir, 'migrations'),
      snapshotPath: join(dir, 'migrations', 'schema.snapshot.prisma'),
    };
  });
  afterAll(async () => scratch?.close());

  it('finds no pending change in the committed schema', async () => {
    expect(await pendingSchemaChange(scratch.url)).toBe('');
  });

  it('detects a schema change, writes it as a migration, then agrees again', async () => {
    const schema = readFileSync(paths.schemaPath, 'utf8').replace(
      'model Setting {',
      'model Playbook {\n  id   String @id\n  name String\n}\n\nmodel Setting {',
    );
    writeFileSync(paths.schemaPath, schema);
    const pending = await pendingSchemaChange(scratch.url, paths);
    expect(pending).toContain('CREATE TABLE "Playbook"');

    // Dated after every real migration, so it sorts last.
    const created = await createMigration(scratch.url, 'Add playbooks!', new Date('2036-12-01T10:20:30Z'), paths);
    expect(created).toBe('20361201102030_add_playbooks');
    expect(existsSync(join(paths.migrationsDir, created!, 'migration.sql'))).toBe(true);
    expect(await pendingSchemaChange(scratch.url, paths)).toBe('');
    expect(await createMigration(scratch.url, 'again', new Date(), paths)).toBeUndefined();

    // The new migration applies on top of the existing ones.
    expect(await applyMigrations(scratch.url, paths)).toEqual([created]);
    const status = await migrationStatus(scratch.url, paths);
    expect(status.at(-1)).toMatchObject({ name: created, state: 'applied' });
  });

  it('reports a migration edited after it was applied', async () => {
    const first = readMigrationFiles(paths.migrationsDir)[0]!;
    writeFileSync(join(paths.migrationsDir, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
    const status = await migrationStatus(scratch.url, paths);
    expect(status[0]).toMatchObject({ name: first.name, state: 'modified' });
  });
});
