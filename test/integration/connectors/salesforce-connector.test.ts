import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceConnector } from '../../../src/connectors/salesforce/salesforce-connector.js';
import { syncSource, type SyncDeps } from '../../../src/connectors/sync-source.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Reply } from '../../../src/replies/reply.js';
import { resumeSource } from '../../../src/services/ingest/sources.js';
import { dyingAfterFirstPage } from '../../support/dying-connector.js';
import { startFakeSalesforce } from '../../support/fake-salesforce.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const stamp = (minute: number) => `2026-11-16T09:${String(minute).padStart(2, '0')}:00.000+0000`;

describe('Salesforce connector (jsforce against a fake REST API)', () => {
  let db: TestDatabase;
  let sf: Awaited<ReturnType<typeof startFakeSalesforce>>;
  const told: Reply[] = [];
  let deps: SyncDeps;
  const now = new Date('2026-11-16T10:00:00Z');
  const settings = () => ({
    loginUrl: sf.url,
    clientId: 'client-1',
    clientSecret: 'secret-1',
    apiVersion: '62.0',
  });

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    sf = await startFakeSalesforce({ pageSize: 2 });
    sf.data.Account!.push(
      {
        Id: '001A',
        Name: 'Acme Corp',
        Website: 'https://www.acme.example/',
        Industry: 'Retail',
        SystemModstamp: stamp(1),
        ARR__c: 120000,
      },
      { Id: '001B', Name: 'Globex', Website: 'globex.example', SystemModstamp: stamp(2) },
      { Id: '001C', Name: 'Initech', SystemModstamp: stamp(3) },
    );
    sf.data.Contact!.push(
      {
        Id: '003A',
        AccountId: '001A',
        Name: 'Ada Lovelace',
        Email: 'Ada@Acme.example',
        Title: 'COO',
        SystemModstamp: stamp(1),
      },
      { Id: '003B', AccountId: '001B', Name: 'Hank Scorpio', SystemModstamp: stamp(2) },
      { Id: '003C', AccountId: '001C', Name: 'Bill Lumbergh', SystemModstamp: stamp(4) },
    );
    sf.data.Opportunity!.push(
      {
        Id: '006A',
        AccountId: '001A',
        Type: 'Renewal',
        IsClosed: false,
        CloseDate: '2027-06-30',
        SystemModstamp: stamp(4),
      },
      {
        Id: '006B',
        AccountId: '001A',
        Type: 'Renewal',
        IsClosed: false,
        CloseDate: '2027-03-31',
        SystemModstamp: stamp(5),
      },
      {
        Id: '006C',
        AccountId: '001A',
        Type: 'New Customer',
        IsClosed: false,
        CloseDate: '2026-12-15',
        SystemModstamp: stamp(6),
      },
    );
    sf.data.Contract!.push(
      { Id: '800A', AccountId: '001A', Status: 'Activated', EndDate: '2027-04-30', SystemModstamp: stamp(5) },
      { Id: '800B', AccountId: '001A', Status: 'Draft', EndDate: '2028-04-30', SystemModstamp: stamp(5) },
    );
    deps = {
      prisma: db.prisma,
      logger: createLogger({ level: 'silent' }),
      notifyAdmins: async (reply) => {
        told.push(reply);
      },
    };
  });
  afterAll(async () => {
    await sf?.close();
    await db?.close();
  });

  it('backfills Accounts, Contacts, Opportunities and Contracts page by page, then reads only what changed', async () => {
    const first = await syncSource(deps, salesforceConnector(settings()), now);
    expect(first).toMatchObject({ outcome: 'done', rows: 8, pages: 7, skippedRows: 0 });
    // Custom fields the org lacks (Tend_Segment__c ...) are not asked for; their defaults apply.
    expect(sf.state.queries[0]).toBe(
      'SELECT Id, SystemModstamp, Name, Website, ARR__c, Industry FROM Account ORDER BY SystemModstamp ASC',
    );
    const acme = await db.prisma.account.findUniqueOrThrow({ where: { externalId: '001A' } });
    expect(acme).toMatchObject({
      name: 'Acme Corp',
      domains: ['acme.example'],
      segment: 'mid-market',
      industry: 'Retail',
    });
    expect(acme.arr.toFixed(0)).toBe('120000');
    const ada = await db.prisma.contact.findUniqueOrThrow({ where: { externalId: '003A' } });
    expect(ada).toMatchObject({ accountId: acme.id, email: 'ada@acme.example', title: 'COO' });
    const source = await db.prisma.source.findUniqueOrThrow({ where: { name: 'salesforce' } });
    expect(source.cursor).toEqual({
      Account: '2026-11-16T09:03:00Z',
      Contact: '2026-11-16T09:04:00Z',
      Opportunity: '2026-11-16T09:06:00Z',
      Contract: '2026-11-16T09:05:00Z',
    });
    // The earliest open renewal opportunity is the renewal date; the activated contract's end, the contract end.
    expect(acme.renewalDate?.toISOString().slice(0, 10)).toBe('2027-03-31');
    expect(acme.contractEnd?.toISOString().slice(0, 10)).toBe('2027-04-30');
    expect(await db.prisma.accountFreshness.count({ where: { source: 'salesforce' } })).toBe(3);

    sf.data.Account![1] = { ...sf.data.Account![1]!, Name: 'Globex Industries', SystemModstamp: stamp(10) };
    const second = await syncSource(deps, salesforceConnector(settings()), now);
    expect(second.outcome).toBe('done');
    expect(sf.state.queries).toContain(
      'SELECT Id, SystemModstamp, Name, Website, ARR__c, Industry FROM Account WHERE SystemModstamp >= 2026-11-16T09:03:00Z ORDER BY SystemModstamp ASC',
    );
    expect((await db.prisma.account.findUniqueOrThrow({ where: { externalId: '001B' } })).name).toBe(
      'Globex Industries',
    );
    expect(await db.prisma.account.count()).toBe(3);
    expect(await db.prisma.contact.count()).toBe(3);
  });

  it('resumes after a crash mid-sync at the page it was on, writing nothing twice', async () => {
    await db.prisma.source.update({ where: { name: 'salesforce' }, data: { cursor: {} } });
    sf.data.Account!.push({ Id: '001D', Name: 'Umbrella', SystemModstamp: stamp(20) });
    // Tend dies after writing the first page (the generator is never resumed).
    const dying = dyingAfterFirstPage(salesforceConnector(settings()));
    const crashed = await syncSource(deps, dying, now);
    expect(crashed.outcome).toBe('failed');
    expect(crashed.pages).toBe(1);
    const saved = (await db.prisma.source.findUniqueOrThrow({ where: { name: 'salesforce' } })).cursor;
    expect(saved).toEqual({ Account: '2026-11-16T09:03:00Z' });
    const resumed = await syncSource(deps, salesforceConnector(settings()), now);
    expect(resumed.outcome).toBe('done');
    expect(
      sf.state.queries.find((q) => q.includes('FROM Account WHERE SystemModstamp >= 2026-11-16T09:03:00Z')),
    ).toBeDefined();
    expect(await db.prisma.account.count()).toBe(4);
    expect(await db.prisma.contact.count()).toBe(3);
  });

  it("waits out Salesforce's API limit and carries on", async () => {
    sf.state.failNext.set('/describe', 'limit');
    const result = await syncSource(deps, salesforceConnector(settings()), now);
    expect(result.outcome).toBe('done');
  });

  it('stops after three refused logins in a row, tells the admins once, and resumes when asked', async () => {
    const expired = { loginUrl: sf.url, instanceUrl: sf.url, accessToken: 'expired', apiVersion: '62.0' };
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await syncSource(deps, salesforceConnector(expired), now)).outcome);
    expect(outcomes).toEqual(['failed', 'failed', 'stopped', 'skipped']);
    expect(told).toHaveLength(1);
    expect(told[0]!.headline).toBe(
      'Tend stopped syncing salesforce: salesforce refused the credentials (401); renew them',
    );
    const source = await db.prisma.source.findUniqueOrThrow({ where: { name: 'salesforce' } });
    expect(source).toMatchObject({ state: 'stopped', authFailures: 3 });
    // A wrong client secret is refused the same way.
    expect(await resumeSource(db.prisma, 'salesforce')).toBe(true);
    const wrongSecret = await syncSource(deps, salesforceConnector({ ...settings(), clientSecret: 'nope' }), now);
    expect(wrongSecret.error).toContain('refused the credentials');
    expect((await syncSource(deps, salesforceConnector(settings()), now)).outcome).toBe('done');
    expect((await db.prisma.source.findUniqueOrThrow({ where: { name: 'salesforce' } })).authFailures).toBe(0);
  });
});
