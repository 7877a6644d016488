import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../../src/app/start-tend.js';
import type { Config } from '../../../src/config/config.js';
import { handleMessage } from '../../../src/conversation/handle-message.js';
import { defaultConnectorMappings } from '../../../src/core/mapping/default-mappings.js';
import { jobDefinitions } from '../../../src/jobs/job-definitions.js';
import type { JobDeps } from '../../../src/jobs/job.js';
import { runJobOnce } from '../../../src/jobs/run-job.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Reply } from '../../../src/replies/reply.js';
import type { AlertNotifier } from '../../../src/services/alerts/alert-notifier.js';
import { createSourceKey } from '../../../src/services/ingest/api-keys.js';
import { setSourceMapping } from '../../../src/services/ingest/source-mappings.js';
import { startFakeHubspot } from '../../support/fake-hubspot.js';
import { startFakeSalesforce } from '../../support/fake-salesforce.js';
import { startFakeStripe } from '../../support/fake-stripe.js';
import { startFakeZendesk } from '../../support/fake-zendesk.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testTendConfig } from '../../support/tend-test-config.js';

const job = (name: string) => jobDefinitions.find((j) => j.name === name)!;
const t0 = new Date('2026-11-16T09:00:00Z');

// Issue 14's done-when: with fakes standing in for the four vendors, a fresh Tend syncs all of
// them, a usage drop sent as Segment track events produces one at-risk alert within a minute, and
// "how is <account>?" shows the new score, "data as of" and each source's freshness.
describe('a fresh Tend on four vendors and product events', () => {
  let db: TestDatabase;
  let tend: RunningTend;
  let config: Config;
  let now = t0;
  const fakes = {} as {
    sf: Awaited<ReturnType<typeof startFakeSalesforce>>;
    hs: Awaited<ReturnType<typeof startFakeHubspot>>;
    zd: Awaited<ReturnType<typeof startFakeZendesk>>;
    st: Awaited<ReturnType<typeof startFakeStripe>>;
  };
  const sent: { destination: string; reply: Reply }[] = [];
  const notifier: AlertNotifier = {
    channel: 'SLACK',
    send: async (destination, reply) => {
      sent.push({ destination, reply });
      return { conversation: destination, ref: String(sent.length) };
    },
    update: async () => {},
  };
  const deps = (): JobDeps => ({
    prisma: db.prisma,
    logger: createLogger({ level: 'silent' }),
    config,
    notifiers: { SLACK: notifier },
  });
  let segmentKey: string;
  const track = async (users: number, at: Date, prefix: string) => {
    const batch = Array.from({ length: users }, (_, i) => ({
      type: 'track',
      messageId: `${prefix}-${i}`,
      userId: `user-${i}`,
      event: 'Signed In',
      context: { groupId: '001ACME' },
      timestamp: new Date(at.getTime() - 60_000).toISOString(),
    }));
    const res = await fetch(`http://127.0.0.1:${tend.address.port}/api/v1/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${segmentKey}` },
      body: JSON.stringify({ batch }),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    fakes.sf = await startFakeSalesforce();
    fakes.hs = await startFakeHubspot();
    fakes.zd = await startFakeZendesk();
    fakes.st = await startFakeStripe();
    // One customer as each vendor knows it, tied together by the Salesforce account id.
    fakes.sf.data.Account!.push({
      Id: '001ACME',
      Name: 'Acme Corp',
      Website: 'acme.example',
      Seats__c: 50,
      ARR__c: 60000,
      SystemModstamp: '2026-11-15T08:00:00.000+0000',
    });
    fakes.sf.data.Contact!.push({
      Id: '003ADA',
      AccountId: '001ACME',
      Name: 'Ada Lovelace',
      SystemModstamp: '2026-11-15T08:00:00.000+0000',
    });
    fakes.hs.data.companies!.push({
      id: '11',
      properties: {
        name: 'Acme Corp',
        salesforceaccountid: '001ACME',
        hs_lastmodifieddate: '2026-11-15T08:00:00.000Z',
      },
    });
    fakes.zd.organizations.push({ id: 1, external_id: '001ACME', domain_names: ['acme.example'] });
    fakes.zd.tickets.push({
      id: 7,
      organization_id: 1,
      priority: 'normal',
      status: 'open',
      created_at: '2026-11-15T10:00:00Z',
      updated_at: '2026-11-15T10:00:00Z',
    });
    fakes.st.customers.cus_A = { id: 'cus_A', object: 'customer', metadata: { tend_account: '001ACME' } };
    fakes.st.subscriptions.push({
      id: 'sub_1',
      object: 'subscription',
      customer: 'cus_A',
      status: 'active',
      currency: 'usd',
      canceled_at: null,
      created: 1,
      metadata: {},
      items: {
        object: 'list',
        data: [
          {
            id: 'si_1',
            quantity: 50,
            price: { id: 'p', unit_amount: 10000, recurring: { interval: 'month', interval_count: 1 } },
          },
        ],
      },
    });
    config = testTendConfig(db, {
      TEND_ALERT_SLACK_CHANNEL: 'CALERTS',
      SALESFORCE_LOGIN_URL: fakes.sf.url,
      SALESFORCE_CLIENT_ID: 'client-1',
      SALESFORCE_CLIENT_SECRET: 'secret-1',
      HUBSPOT_ACCESS_TOKEN: 'pat-1',
      HUBSPOT_API_BASE: fakes.hs.url,
      ZENDESK_EMAIL: 'agent@tend.example',
      ZENDESK_API_TOKEN: 'zd-token',
      ZENDESK_API_BASE: fakes.zd.url,
      STRIPE_SECRET_KEY: 'rk_test_1',
      STRIPE_API_BASE: fakes.st.url,
    });
    tend = await startTend(config, createLogger({ level: 'silent' }), { now: () => now });
    // The team's mappings: seats from a Salesforce custom field; HubSpot companies carry the Salesforce id.
    await createSourceKey(db.prisma, { source: 'salesforce', kind: 'salesforce' });
    await createSourceKey(db.prisma, { source: 'hubspot', kind: 'hubspot' });
    const sf = defaultConnectorMappings.salesforce;
    await setSourceMapping(db.prisma, 'salesforce', {
      ...sf,
      accounts: { ...sf.accounts, seats_licensed: 'Seats__c' },
    });
    const hs = defaultConnectorMappings.hubspot;
    await setSourceMapping(db.prisma, 'hubspot', {
      ...hs,
      accounts: { ...hs.accounts, external_id: 'properties.salesforceaccountid' },
    });
    segmentKey = (await createSourceKey(db.prisma, { source: 'segment', kind: 'segment' })).key;
  });
  afterAll(async () => {
    await tend?.stop();
    for (const fake of Object.values(fakes)) await fake?.close();
    await db?.close();
  });

  it('syncs all four vendors, then a usage drop raises one at-risk alert within a minute, and the answer shows every source', async () => {
    const synced = await runJobOnce(deps(), job('sync-sources'), t0, 'replica-a');
    expect(synced.status).toBe('ran');
    const results = (synced as unknown as { summary: { synced: { source: string; outcome: string }[] } }).summary
      .synced;
    expect(results.map((r) => [r.source, r.outcome])).toEqual([
      ['salesforce', 'done'],
      ['hubspot', 'done'],
      ['zendesk', 'done'],
      ['stripe', 'done'],
    ]);
    const acme = await db.prisma.account.findUniqueOrThrow({ where: { externalId: '001ACME' } });
    expect(acme.seatsLicensed).toBe(50);
    expect(acme.arr.toFixed(2)).toBe('60000.00'); // Stripe: $100 x 50 seats a month
    expect(await db.prisma.account.count()).toBe(1);

    // The warehouse sends the rest of the picture through the ingest API; a healthy day of use,
    // scored at night; then the drop.
    const warehouse = (await createSourceKey(db.prisma, { source: 'warehouse' })).key;
    const healthy = {
      feature_adoption_pct: 80,
      xla_achievement_pct: 90,
      roi_realization_pct: 90,
      efficiency_gain_pct: 40,
      product_satisfaction_pct: 85,
      tickets_per_user_monthly: 0.5,
      escalation_rate_pct: 2,
      meetings: 4,
      stakeholder_engagement_pct: 80,
      advocacy_pct: 70,
      expansion_readiness_pct: 70,
    };
    const rows = Object.entries(healthy).map(([key, value]) => ({
      account_external_id: '001ACME',
      key,
      date: '2026-11-15',
      value,
    }));
    const sentRows = await fetch(`http://127.0.0.1:${tend.address.port}/api/v1/ingest/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${warehouse}` },
      body: JSON.stringify({ rows }),
    });
    expect(sentRows.status).toBe(200);
    await track(40, t0, 'healthy');
    await runJobOnce(deps(), job('recompute-all'), new Date(t0.getTime() + 60_000), 'replica-a');
    const before = await db.prisma.healthSnapshot.findFirstOrThrow({ where: { accountId: acme.id } });
    expect(before.band, `baseline ${before.overall}`).not.toMatch(/risk|critical|urgent/i);
    expect(await db.prisma.alert.count({ where: { kind: 'at_risk' } })).toBe(0);
    now = new Date(t0.getTime() + 2 * 86_400_000);
    await track(1, now, 'drop');
    const slot = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 60_000);
    now = slot;
    await runJobOnce(deps(), job('recompute-changed'), slot, 'replica-b');
    expect(await db.prisma.alert.count({ where: { kind: 'at_risk', accountId: acme.id } })).toBe(1);
    const message = sent.find((s) => s.reply.headline.startsWith('Acme Corp'));
    expect(message, JSON.stringify(sent.map((s) => s.reply.headline))).toBeDefined();

    const answer = await handleMessage(
      { prisma: db.prisma, now: () => now },
      { text: 'how is Acme doing?', channel: 'shell', actor: { role: 'manager', external: false, place: 'dm' } },
    );
    const facts = Object.fromEntries((answer.facts ?? []).map((f) => [f.label, f.value]));
    expect(answer.headline).toMatch(/^Acme Corp: [\d.]+\/100/);
    expect(facts['Data as of']).toMatch(/^2026-11-18/);
    for (const source of ['segment', 'salesforce', 'hubspot', 'zendesk', 'stripe'])
      expect(facts.Sources).toContain(source);
  });
});
