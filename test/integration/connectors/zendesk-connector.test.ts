import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSource, type SyncDeps } from '../../../src/connectors/sync-source.js';
import { zendeskConnector } from '../../../src/connectors/zendesk/zendesk-connector.js';
import { createLogger } from '../../../src/logging/logger.js';
import { dyingAfterFirstPage } from '../../support/dying-connector.js';
import { startFakeZendesk } from '../../support/fake-zendesk.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const now = new Date('2026-11-16T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe('Zendesk connector (node-zendesk against a fake incremental export)', () => {
  let db: TestDatabase;
  let zd: Awaited<ReturnType<typeof startFakeZendesk>>;
  let deps: SyncDeps;
  const settings = () => ({ subdomain: 'acme', email: 'agent@tend.example', apiToken: 'zd-token', apiBase: zd.url });
  const metric = async (externalId: string, key: string) =>
    (
      await db.prisma.metricObservation.findFirst({
        where: { account: { externalId }, key, source: 'zendesk' },
        orderBy: { date: 'desc' },
      })
    )?.value;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await db.prisma.account.createMany({
      data: [
        {
          externalId: 'ACME',
          name: 'Acme Corp',
          segment: 'mid-market',
          tier: 'standard',
          lifecycleStage: 'adoption',
          arr: 1,
        },
        {
          externalId: 'GLOBEX',
          name: 'Globex',
          segment: 'mid-market',
          tier: 'standard',
          lifecycleStage: 'adoption',
          arr: 1,
          domains: ['globex.example'],
        },
      ],
    });
    zd = await startFakeZendesk({ pageSize: 2 });
    zd.organizations.push(
      { id: 1, external_id: 'ACME', domain_names: [] },
      { id: 2, external_id: null, domain_names: ['globex.example'] },
      { id: 3, external_id: 'NOT-A-CUSTOMER', domain_names: [] },
    );
    zd.tickets.push(
      {
        id: 101,
        organization_id: 1,
        priority: 'urgent',
        status: 'solved',
        created_at: hoursAgo(30),
        updated_at: hoursAgo(20),
        solved_at: hoursAgo(24),
        satisfaction_rating: { score: 'good', comment: 'Fast and friendly, thank you!' },
      },
      {
        id: 102,
        organization_id: 1,
        priority: 'normal',
        status: 'open',
        created_at: hoursAgo(10),
        updated_at: hoursAgo(9),
      },
      {
        id: 103,
        organization_id: 1,
        priority: 'low',
        status: 'open',
        created_at: hoursAgo(24 * 20),
        updated_at: hoursAgo(8),
      },
      {
        id: 201,
        organization_id: 2,
        priority: 'high',
        status: 'solved',
        created_at: hoursAgo(50),
        updated_at: hoursAgo(7),
        solved_at: hoursAgo(40),
        satisfaction_rating: { score: 'bad' },
      },
      {
        id: 301,
        organization_id: 3,
        priority: 'normal',
        status: 'open',
        created_at: hoursAgo(5),
        updated_at: hoursAgo(5),
      },
    );
    deps = { prisma: db.prisma, logger: createLogger({ level: 'silent' }), notifyAdmins: async () => {} };
  });
  afterAll(async () => {
    await zd?.close();
    await db?.close();
  });

  it('reads tickets page by page into support metrics, and a rating comment into feedback', async () => {
    zd.state.rateLimitNext = 1;
    const result = await syncSource(deps, zendeskConnector(settings()), now);
    expect(result).toMatchObject({ outcome: 'done', pages: 3, skippedRows: 1 });
    expect(await db.prisma.supportTicket.count()).toBe(4);
    expect(await metric('ACME', 'support_tickets')).toBe(2); // opened in the last 7 days
    expect(await metric('ACME', 'escalation_rate_pct')).toBe(33.3); // 1 urgent of 3 in 30 days
    expect(await metric('ACME', 'avg_resolution_hours')).toBe(6);
    expect(await metric('ACME', 'support_satisfaction_pct')).toBe(100);
    expect(await metric('GLOBEX', 'support_satisfaction_pct')).toBe(0); // matched by domain
    const words = await db.prisma.feedbackItem.findUniqueOrThrow({ where: { externalId: 'zendesk-csat-101' } });
    expect(words).toMatchObject({
      channel: 'zendesk',
      text: 'Fast and friendly, thank you!',
      sentimentLabel: 'positive',
    });
    const source = await db.prisma.source.findUniqueOrThrow({ where: { name: 'zendesk' } });
    expect(source.lastError).toContain('tickets of organizations no account matches: 301');
    expect(zd.state.requests.some((r) => r.includes('start_time='))).toBe(true);
  });

  it('resumes from the export cursor: only tickets updated since are read, none twice', async () => {
    zd.tickets.push({
      id: 104,
      organization_id: 1,
      priority: 'high',
      status: 'new',
      created_at: hoursAgo(1),
      updated_at: hoursAgo(1),
    });
    const before = zd.state.requests.length;
    const result = await syncSource(deps, zendeskConnector(settings()), now);
    expect(result).toMatchObject({ outcome: 'done', rows: 1 });
    expect(zd.state.requests.slice(before).every((r) => !r.includes('start_time='))).toBe(true);
    expect(await db.prisma.supportTicket.count()).toBe(5);
    expect(await metric('ACME', 'support_tickets')).toBe(3);
  });

  it('resumes after a crash mid-sync from the saved cursor, storing no ticket twice', async () => {
    zd.tickets.push(
      {
        id: 105,
        organization_id: 1,
        priority: 'normal',
        status: 'new',
        created_at: hoursAgo(0.5),
        updated_at: hoursAgo(0.5),
      },
      {
        id: 106,
        organization_id: 2,
        priority: 'normal',
        status: 'new',
        created_at: hoursAgo(0.4),
        updated_at: hoursAgo(0.4),
      },
      {
        id: 107,
        organization_id: 2,
        priority: 'low',
        status: 'new',
        created_at: hoursAgo(0.3),
        updated_at: hoursAgo(0.3),
      },
    );
    const crashed = await syncSource(deps, dyingAfterFirstPage(zendeskConnector(settings())), now);
    expect(crashed).toMatchObject({ outcome: 'failed', pages: 1 });
    expect(await db.prisma.supportTicket.count()).toBe(7);
    const resumed = await syncSource(deps, zendeskConnector(settings()), now);
    expect(resumed).toMatchObject({ outcome: 'done', rows: 1 });
    expect(await db.prisma.supportTicket.count()).toBe(8);
  });

  it('counts a refused API token as an authentication failure', async () => {
    const result = await syncSource(deps, zendeskConnector({ ...settings(), apiToken: 'revoked' }), now);
    expect(result).toMatchObject({ outcome: 'failed', error: 'zendesk refused the credentials (401); renew them' });
  });
});
