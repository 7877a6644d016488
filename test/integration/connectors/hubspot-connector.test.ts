import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../../src/app/start-tend.js';
import { hubspotConnector } from '../../../src/connectors/hubspot/hubspot-connector.js';
import { syncSource, type SyncDeps } from '../../../src/connectors/sync-source.js';
import { createLogger } from '../../../src/logging/logger.js';
import { dyingAfterFirstPage } from '../../support/dying-connector.js';
import { startFakeHubspot } from '../../support/fake-hubspot.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testTendConfig } from '../../support/tend-test-config.js';

const modified = (minute: number) => `2026-11-16T09:${String(minute).padStart(2, '0')}:00.000Z`;
const clientSecret = 'hubspot-app-secret';

describe('HubSpot connector (@hubspot/api-client against a fake CRM API) and its webhooks', () => {
  let db: TestDatabase;
  let hs: Awaited<ReturnType<typeof startFakeHubspot>>;
  let tend: RunningTend;
  let deps: SyncDeps;
  let now = new Date('2026-11-16T10:00:00Z');
  const settings = () => ({ accessToken: 'pat-1', clientSecret, apiBase: hs.url });

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    hs = await startFakeHubspot({ pageSize: 2 });
    hs.data.companies!.push(
      {
        id: '11',
        properties: { name: 'Acme Corp', domain: 'acme.example', tend_arr: '120000', hs_lastmodifieddate: modified(1) },
      },
      {
        id: '12',
        properties: {
          name: 'Globex',
          domain: 'www.globex.example',
          tend_tier: 'Enterprise',
          hs_lastmodifieddate: modified(2),
        },
      },
      { id: '13', properties: { name: 'Initech', hs_lastmodifieddate: modified(3) } },
    );
    hs.data.contacts!.push(
      {
        id: '51',
        properties: {
          firstname: 'Ada',
          lastname: 'Lovelace',
          email: 'ADA@acme.example',
          associatedcompanyid: '11',
          lastmodifieddate: modified(1),
        },
      },
      {
        id: '52',
        properties: {
          firstname: 'Hank',
          lastname: 'Scorpio',
          associatedcompanyid: '12',
          lastmodifieddate: modified(2),
        },
      },
    );
    hs.data.companies![0]!.properties.hubspot_owner_id = '901';
    hs.owners.push({ id: '901', email: 'olive@tend.example' });
    await db.prisma.user.create({ data: { email: 'olive@tend.example', name: 'Olive Owner', role: 'CSM' } });
    hs.data.deals!.push(
      {
        id: '71',
        properties: {
          dealstage: 'closedwon',
          hs_arr: '96000',
          closedate: '2026-03-31T00:00:00Z',
          hs_lastmodifieddate: modified(1),
        },
      },
      {
        id: '72',
        properties: {
          dealstage: 'contractsent',
          dealtype: 'existingbusiness',
          closedate: '2027-03-31T00:00:00Z',
          hs_lastmodifieddate: modified(2),
        },
      },
      {
        id: '73',
        properties: {
          dealstage: 'appointmentscheduled',
          dealtype: 'newbusiness',
          closedate: '2026-12-01T00:00:00Z',
          hs_lastmodifieddate: modified(3),
        },
      },
    );
    for (const deal of ['71', '72', '73']) hs.dealCompany.set(deal, '11');
    deps = { prisma: db.prisma, logger: createLogger({ level: 'silent' }), notifyAdmins: async () => {} };
    const config = testTendConfig(db, {
      HUBSPOT_ACCESS_TOKEN: 'pat-1',
      HUBSPOT_CLIENT_SECRET: clientSecret,
      HUBSPOT_API_BASE: hs.url,
    });
    tend = await startTend(config, createLogger({ level: 'silent' }), { now: () => now });
  });
  afterAll(async () => {
    await tend?.stop();
    await hs?.close();
    await db?.close();
  });

  it('syncs companies, contacts and deals page by page through the search API, waiting out a 429', async () => {
    hs.state.rateLimitNext = 1;
    const result = await syncSource(deps, hubspotConnector(settings()), now);
    // Two at a time: companies (2 pages), contacts (1), deals (2).
    expect(result).toMatchObject({ outcome: 'done', pages: 5, skippedRows: 0 });
    const acme = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'hubspot-11' } });
    expect(acme).toMatchObject({
      name: 'Acme Corp',
      domains: ['acme.example'],
      tier: 'standard',
      segment: 'mid-market',
    });
    // Deals: the won deal's ARR replaces the property's; the open renewal's close date is the renewal date.
    expect(acme.arr.toFixed(0)).toBe('96000');
    expect(acme.renewalDate?.toISOString().slice(0, 10)).toBe('2027-03-31');
    // The company owner is the account owner.
    const olive = await db.prisma.user.findUniqueOrThrow({ where: { email: 'olive@tend.example' } });
    expect(acme.ownerId).toBe(olive.id);
    expect((await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'hubspot-12' } })).tier).toBe(
      'enterprise',
    );
    const ada = await db.prisma.contact.findUniqueOrThrow({ where: { externalId: 'hubspot-contact-51' } });
    expect(ada).toMatchObject({ accountId: acme.id, name: 'Ada Lovelace', email: 'ada@acme.example' });
    expect((await db.prisma.source.findUniqueOrThrow({ where: { name: 'hubspot' } })).cursor).toEqual({
      companies: Date.parse(modified(3)),
      contacts: Date.parse(modified(2)),
      deals: Date.parse(modified(3)),
    });
    // The next sync asks only for what changed since.
    hs.data.companies![2]!.properties = {
      ...hs.data.companies![2]!.properties,
      name: 'Initech LLC',
      hs_lastmodifieddate: modified(9),
    };
    await syncSource(deps, hubspotConnector(settings()), now);
    const companySearches = hs.state.searches.filter((s) => s.type === 'companies');
    expect(JSON.stringify(companySearches.at(-1))).toContain(`"value":"${Date.parse(modified(3))}"`);
    expect((await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'hubspot-13' } })).name).toBe(
      'Initech LLC',
    );
    expect(await db.prisma.account.count()).toBe(3);
  });

  const deliver = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(`http://127.0.0.1:${tend.address.port}/api/v1/webhooks/hubspot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  // HubSpot's v3 signature: HMAC-SHA256 over method, the URL it called, the body and the timestamp.
  const sign = (body: string, timestamp: number, secret = clientSecret) => {
    const url = `http://127.0.0.1:${tend.address.port}/api/v1/webhooks/hubspot`;
    return {
      'x-hubspot-signature-v3': createHmac('sha256', secret).update(`POST${url}${body}${timestamp}`).digest('base64'),
      'x-hubspot-request-timestamp': String(timestamp),
    };
  };

  it('takes signed webhooks: the changed company is read back and written at once', async () => {
    hs.data.companies![0]!.properties = { ...hs.data.companies![0]!.properties, name: 'Acme Corporation' };
    const body = JSON.stringify([
      {
        eventId: 1,
        subscriptionType: 'company.propertyChange',
        objectId: 11,
        propertyName: 'name',
        occurredAt: now.getTime(),
      },
    ]);
    const ok = await deliver(body, sign(body, now.getTime() - 1_000));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ received: 1, rows: 1 });
    expect((await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'hubspot-11' } })).name).toBe(
      'Acme Corporation',
    );
  });

  it('refuses forged and stale webhooks, and changes nothing', async () => {
    hs.data.companies![0]!.properties = { ...hs.data.companies![0]!.properties, name: 'Hacked Inc' };
    const body = JSON.stringify([{ eventId: 2, subscriptionType: 'company.propertyChange', objectId: 11 }]);
    expect((await deliver(body, sign(body, now.getTime(), 'wrong-secret'))).status).toBe(401);
    const stale = await deliver(body, sign(body, now.getTime() - 10 * 60_000));
    expect(stale.status).toBe(401);
    expect(stale.body.message).toBe('stale timestamp');
    expect((await deliver(body, {})).status).toBe(401);
    expect((await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'hubspot-11' } })).name).toBe(
      'Acme Corporation',
    );
  });

  it('resumes after a crash mid-sync from the saved cursor, writing nothing twice', async () => {
    await db.prisma.source.update({ where: { name: 'hubspot' }, data: { cursor: {} } });
    const crashed = await syncSource(deps, dyingAfterFirstPage(hubspotConnector(settings())), now);
    expect(crashed).toMatchObject({ outcome: 'failed', pages: 1 });
    expect((await db.prisma.source.findUniqueOrThrow({ where: { name: 'hubspot' } })).cursor).toEqual({
      companies: Date.parse(modified(2)),
    });
    expect((await syncSource(deps, hubspotConnector(settings()), now)).outcome).toBe('done');
    expect(await db.prisma.account.count()).toBe(3);
    expect(await db.prisma.contact.count()).toBe(2);
  });

  it('counts an expired token as an authentication failure', async () => {
    now = new Date('2026-11-16T10:30:00Z');
    const result = await syncSource(deps, hubspotConnector({ ...settings(), accessToken: 'expired' }), now);
    expect(result).toMatchObject({ outcome: 'failed', error: 'hubspot refused the credentials (401); renew them' });
    expect((await db.prisma.source.findUniqueOrThrow({ where: { name: 'hubspot' } })).authFailures).toBe(1);
  });
});
