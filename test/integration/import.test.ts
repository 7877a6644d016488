import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/services/import/import-csv.js';
import type { ImportKind } from '../../src/services/import/row-schemas.js';
import { projectRoot } from '../../src/paths.js';
import { watchQueryOverlaps } from '../support/pg-query-overlaps.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

const csv = (text: string) => Readable.from([text]);

describe.each(databaseKinds)('CSV import on %s', (kind) => {
  let db: TestDatabase;
  const run = (k: ImportKind, text: string, dryRun = false) =>
    importCsv(db.prisma, { kind: k, stream: csv(text), dryRun });

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    // The documented examples import cleanly, in the documented order.
    for (const k of ['users', 'accounts', 'contacts', 'metrics', 'feedback'] as const) {
      const report = await importCsv(db.prisma, {
        kind: k,
        stream: createReadStream(join(projectRoot, 'examples', `${k}.csv`)),
      });
      expect(report.problems, k).toEqual([]);
      expect(report.applied, k).toBe(true);
    }
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))('imports the examples with their references resolved', async () => {
    const account = await db.prisma.account.findUniqueOrThrow({
      where: { externalId: 'crm-001' },
      include: { owner: true, contacts: true, feedback: true },
    });
    expect(account.owner?.email).toBe('maria.lopez@yourco.example');
    expect(account.arr.toString()).toBe('480000');
    expect(account.aliases).toEqual(['BHL', 'Blue Heron']);
    expect(account.contacts).toHaveLength(2);
    expect(account.feedback[0]).toMatchObject({ score: 9, surveyType: 'nps', kind: 'SURVEY' });
    const maria = await db.prisma.user.findUniqueOrThrow({
      where: { email: 'maria.lopez@yourco.example' },
      include: { manager: true },
    });
    expect(maria.manager?.email).toBe('head.cs@yourco.example');
    const copper = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'crm-002' } });
    expect(copper.renewalDate?.toISOString().slice(0, 10)).toBe('2027-06-14');
  });

  it.skipIf(skipPostgres(kind))(
    're-importing users with fewer columns keeps their role, manager and chat ids',
    async () => {
      const before = await db.prisma.user.findUniqueOrThrow({ where: { email: 'head.cs@yourco.example' } });
      const maria = await db.prisma.user.findUniqueOrThrow({ where: { email: 'maria.lopez@yourco.example' } });
      await db.prisma.user.update({ where: { id: before.id }, data: { role: 'ADMIN', slackUserId: 'UHEAD' } });
      const report = await run(
        'users',
        [
          'email,name',
          'head.cs@yourco.example,Head Of CS',
          'maria.lopez@yourco.example,Maria López',
          'new.csm@yourco.example,New CSM',
        ].join('\n'),
      );
      expect(report.problems).toEqual([]);
      const after = await db.prisma.user.findUniqueOrThrow({ where: { email: 'head.cs@yourco.example' } });
      expect(after).toMatchObject({ name: 'Head Of CS', role: 'ADMIN', slackUserId: 'UHEAD' });
      const mariaAfter = await db.prisma.user.findUniqueOrThrow({ where: { email: 'maria.lopez@yourco.example' } });
      expect({ role: mariaAfter.role, managerId: mariaAfter.managerId }).toEqual({
        role: maria.role,
        managerId: maria.managerId,
      });
      expect(maria.managerId).not.toBeNull();
      // A new user without a role is a CSM; a role given changes it.
      expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.csm@yourco.example' } })).role).toBe('CSM');
      await run('users', 'email,name,role\nhead.cs@yourco.example,Head Of CS,manager');
      expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'head.cs@yourco.example' } })).role).toBe(
        'MANAGER',
      );
    },
  );

  it.skipIf(skipPostgres(kind))('changes nothing when any row is bad, and names every bad line', async () => {
    const before = await db.prisma.account.count();
    const report = await run(
      'accounts',
      [
        'external_id,name,segment,tier,lifecycle_stage,arr,currency,owner_email,contract_start,contract_end',
        'new-1,Good Row Ltd,standard,essential,adoption,1000,USD,,,',
        'new-2,Bad Money Ltd,standard,essential,adoption,$12k,USD,,,',
        'new-3,,standard,essential,adoption,1000,USD,,,',
        'new-4,Ghost Owner Ltd,standard,essential,adoption,1000,USD,nobody@yourco.example,,',
        'new-1,Duplicate Ltd,standard,essential,adoption,1000,USD,,,',
        'new-6,Backwards Ltd,standard,essential,adoption,1000,USD,,2026-05-01,2026-01-01',
        'new-7,Bad Date Ltd,standard,essential,adoption,1000,USD,,2026-02-30,',
        'new-8,Too,Many,Cells,standard,essential,adoption,1000,USD,,,',
      ].join('\n'),
    );
    expect(report.applied).toBe(false);
    const lines = report.problems.map((p) => p.line);
    expect(lines).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const text = report.problems.map((p) => `${p.line}: ${p.message}`).join('\n');
    expect(text).toMatch(/3: arr "\$12k" must be an amount/);
    expect(text).toMatch(/4: name is required/);
    expect(text).toMatch(/5: owner_email "nobody@yourco.example" is not a known user/);
    expect(text).toMatch(/6: repeats the external_id of line 2/);
    expect(text).toMatch(/7: contract_end 2026-01-01 is before contract_start 2026-05-01/);
    expect(text).toMatch(/8: contract_start "2026-02-30" is not a real calendar date/);
    expect(text).toMatch(/9: has a different number of cells/);
    expect(await db.prisma.account.count()).toBe(before);
    expect(await db.prisma.account.findUnique({ where: { externalId: 'new-1' } })).toBeNull();
  });

  it.skipIf(skipPostgres(kind))('reports missing columns at once', async () => {
    const report = await run('metrics', 'account_external_id,key,value\ncrm-001,dau_pct,50');
    expect(report.problems).toEqual([{ line: 1, message: expect.stringContaining('missing column date') }]);
  });

  it.skipIf(skipPostgres(kind))('validates metrics against the catalogue and their ranges', async () => {
    const report = await run(
      'metrics',
      'account_external_id,key,date,value\ncrm-001,dau_pcnt,2026-10-01,50\ncrm-001,dau_pct,2026-10-01,150\ncrm-404,dau_pct,2026-10-01,50',
    );
    expect(report.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(report.problems[0]!.message).toContain('"dau_pcnt" is not a known metric');
    expect(report.problems[1]!.message).toContain('must be between 0 and 100');
    expect(report.problems[2]!.message).toContain('"crm-404" is not a known account');
  });

  it.skipIf(skipPostgres(kind))('upserts: a re-import updates values instead of duplicating them', async () => {
    const first = await run('metrics', 'account_external_id,key,date,value,source\ncrm-002,dau_pct,2026-11-02,40,bi');
    expect(first.applied).toBe(true);
    await run('metrics', 'account_external_id,key,date,value,source\ncrm-002,dau_pct,2026-11-02,44.5,bi');
    const rows = await db.prisma.metricObservation.findMany({
      where: { key: 'dau_pct', source: 'bi', account: { externalId: 'crm-002' } },
    });
    expect(rows.map((r) => r.value)).toEqual([44.5]);

    const renamed = await run(
      'accounts',
      'external_id,name,segment,tier,lifecycle_stage,arr\ncrm-002,Copper Kettle Group,standard,professional,adoption,99000.10',
    );
    expect(renamed).toMatchObject({ applied: true, creates: 0, updates: 1 });
    const account = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'crm-002' } });
    expect(account.name).toBe('Copper Kettle Group');
    expect(account.arr.toString()).toBe('99000.1');
  });

  it.skipIf(skipPostgres(kind))('a dry run reports what would change and writes nothing', async () => {
    const report = await run('contacts', 'external_id,account_external_id,name\nct-100,crm-001,Dry Run Person', true);
    expect(report).toMatchObject({ applied: false, dryRun: true, creates: 1, problems: [] });
    expect(await db.prisma.contact.findUnique({ where: { externalId: 'ct-100' } })).toBeNull();
  });

  it.skipIf(skipPostgres(kind))('checks feedback references and survey scales', async () => {
    const report = await run(
      'feedback',
      [
        'account_external_id,contact_external_id,kind,survey_type,score,text,received_at',
        'crm-002,ct-001,survey,nps,8,,2026-10-01',
        'crm-001,,survey,nps,11,,2026-10-01',
        'crm-001,,survey,,4,,2026-10-01',
        'crm-001,,free_text,,,,yesterday',
      ].join('\n'),
    );
    const byLine = Object.fromEntries(report.problems.map((p) => [p.line, p.message]));
    expect(byLine[2]).toContain('belongs to another account');
    expect(byLine[3]).toContain('between 0 and 10');
    expect(byLine[4]).toContain('survey_type');
    expect(report.problems.filter((p) => p.line === 5).map((p) => p.column)).toEqual(
      expect.arrayContaining(['text', 'received_at']),
    );
  });

  it.skipIf(skipPostgres(kind))(
    'imports thousands of feedback rows one query at a time on its connection',
    async () => {
      // 3,000 rows of 11 columns pass PostgreSQL's 32,767 bind parameters: Prisma used to split the
      // insert and send the parts at once on the transaction's one pg client.
      const rows = Array.from(
        { length: 3_000 },
        (_, i) => `bulk-${i},crm-001,email,free_text,Bulk note ${i},2026-09-${String((i % 28) + 1).padStart(2, '0')}`,
      );
      const file = ['external_id,account_external_id,channel,kind,text,received_at', ...rows].join('\n');
      const watch = watchQueryOverlaps();
      try {
        expect((await run('feedback', file)).applied).toBe(true);
        // A row imported again is updated, not added.
        const again = file.split('\n').slice(0, 2).join('\n').replace('Bulk note 0,', 'Bulk note zero,');
        expect((await run('feedback', again)).applied).toBe(true);
      } finally {
        watch.stop();
      }
      expect(watch.overlaps).toEqual([]);
      expect(await db.prisma.feedbackItem.count({ where: { externalId: { startsWith: 'bulk-' } } })).toBe(3_000);
      expect((await db.prisma.feedbackItem.findUniqueOrThrow({ where: { externalId: 'bulk-0' } })).text).toBe(
        'Bulk note zero',
      );
    },
    60_000,
  );

  it.skipIf(skipPostgres(kind))('imports users whose manager appears later in the same file', async () => {
    const report = await run(
      'users',
      'email,name,role,manager_email\nnew.csm@yourco.example,New CSM,csm,new.boss@yourco.example\nnew.boss@yourco.example,New Boss,manager,',
    );
    expect(report.applied).toBe(true);
    const csm = await db.prisma.user.findUniqueOrThrow({
      where: { email: 'new.csm@yourco.example' },
      include: { manager: true },
    });
    expect(csm.manager?.name).toBe('New Boss');
  });
});
