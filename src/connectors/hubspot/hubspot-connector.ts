import { Client } from '@hubspot/api-client';
import type { ConnectorsConfig } from '../../config/config.js';
import { mapRecord, pathsOf, type FieldMapping } from '../../core/mapping/field-mapping.js';
import type { AccountPatch } from '../../services/ingest/account-patches.js';
import type { Connector, ConnectorMapping, ConnectorPage } from '../connector.js';
import { callVendor } from '../vendor-errors.js';

export type HubspotSettings = NonNullable<ConnectorsConfig['hubspot']>;
type ObjectType = 'companies' | 'contacts';
type Cursor = Partial<Record<ObjectType | 'deals', number>>;
interface HubspotObject {
  id: string;
  properties: Record<string, string | null>;
}

// HubSpot calls "last modified" differently per object.
const modifiedProperty: Record<ObjectType | 'deals', string> = {
  companies: 'hs_lastmodifieddate',
  contacts: 'lastmodifieddate',
  deals: 'hs_lastmodifieddate',
};
const dealProperties = ['dealstage', 'dealtype', 'closedate', 'hs_arr', 'hs_lastmodifieddate'];
const kindOf = { companies: 'accounts', contacts: 'contacts' } as const;
const pageSize = 100;

/** The HubSpot properties a mapping reads (`properties.x` paths and template parts). */
function propertiesOf(mapping: FieldMapping, object: ObjectType): string[] {
  const paths = pathsOf(mapping);
  return [
    ...new Set([
      modifiedProperty[object],
      ...(object === 'companies' ? ['hubspot_owner_id'] : []),
      ...paths.filter((p) => p.startsWith('properties.')).map((p) => p.slice('properties.'.length)),
    ]),
  ];
}

/** A CRM search for objects modified since a time, oldest change first, one page after `after`. */
function searchSince(modified: string, since: number | undefined, properties: string[], after: string | undefined) {
  return {
    filterGroups: since ? [{ filters: [{ propertyName: modified, operator: 'GTE', value: String(since) }] }] : [],
    sorts: [{ propertyName: modified, direction: 'ASCENDING' }],
    properties,
    limit: pageSize,
    ...(after ? { after } : {}),
  };
}

export function hubspotClient(settings: HubspotSettings): Client {
  // Tend waits out rate limits itself (callVendor), reading HubSpot's Retry-After.
  return new Client({
    accessToken: settings.accessToken,
    numberOfApiCallRetries: 0,
    ...(settings.apiBase ? { basePath: settings.apiBase } : {}),
  });
}

/** HubSpot objects as Tend rows, by the source's mapping. */
export function hubspotRows(
  object: ObjectType,
  records: HubspotObject[],
  mapping: ConnectorMapping,
): ConnectorPage['rows'] {
  const fields = mapping[kindOf[object]];
  return fields ? { [kindOf[object]]: records.map((r) => mapRecord(r, fields)) } : {};
}

/**
 * What deals say about their companies: a won deal's ARR (HubSpot's `hs_arr`), and an open
 * existing-business deal's close date as the renewal date (the earliest in a page).
 */
export function dealPatches(
  deals: HubspotObject[],
  companyOf: Map<string, string>,
  accountOf: Map<string, string>,
): AccountPatch[] {
  const patches = new Map<string, AccountPatch>();
  const patch = (account: string) => patches.get(account) ?? { accountExternalId: account };
  for (const deal of deals) {
    const company = companyOf.get(deal.id);
    const account = company ? accountOf.get(company) : undefined;
    if (!account) continue;
    const p = patch(account);
    const stage = deal.properties.dealstage ?? '';
    const arr = Number(deal.properties.hs_arr);
    if (stage === 'closedwon' && Number.isFinite(arr) && arr > 0) p.arr = arr.toFixed(2);
    const close = deal.properties.closedate?.slice(0, 10);
    if (stage !== 'closedwon' && stage !== 'closedlost' && deal.properties.dealtype === 'existingbusiness' && close)
      if (!p.renewalDate || close < p.renewalDate) p.renewalDate = close;
    if (p.arr || p.renewalDate) patches.set(account, p);
  }
  return [...patches.values()];
}

/**
 * HubSpot companies (accounts) and contacts through the CRM search API, by last-modified time,
 * page by page (official @hubspot/api-client). Webhooks bring single changes in between.
 */
export function hubspotConnector(settings: HubspotSettings): Connector {
  const client = hubspotClient(settings);
  const call = <T>(run: () => Promise<T>) => callVendor('hubspot', run);
  let owners: Map<string, string> | undefined;
  /** HubSpot owner id -> email, read once per sync. */
  const ownerEmails = async () => {
    if (owners) return owners;
    owners = new Map();
    let after: string | undefined;
    do {
      const page = await call(() => client.crm.owners.ownersApi.getPage(undefined, after, 500));
      for (const o of page.results) if (o.email) owners.set(String(o.id), o.email);
      after = page.paging?.next?.after;
    } while (after);
    return owners;
  };
  return {
    kind: 'hubspot',
    async *pages({ cursor, mapping }): AsyncGenerator<ConnectorPage> {
      const at: Cursor = { ...((cursor as Cursor | undefined) ?? {}) };
      for (const object of ['companies', 'contacts'] as const) {
        const fields = mapping[kindOf[object]];
        if (!fields) continue;
        const api = object === 'companies' ? client.crm.companies.searchApi : client.crm.contacts.searchApi;
        let after: string | undefined;
        // One query per sync, paged with `after`; the cursor moves on as pages are written.
        const since = at[object];
        for (;;) {
          const request = searchSince(modifiedProperty[object], since, propertiesOf(fields, object), after);
          const page = await call(() => api.doSearch(request as never));
          const records = page.results as unknown as HubspotObject[];
          if (records.length) {
            const last = Date.parse(String(records.at(-1)!.properties[modifiedProperty[object]]));
            if (Number.isFinite(last)) at[object] = last;
            const rows = hubspotRows(object, records, mapping);
            // A company's owner is the account's owner, when they are a Tend user.
            const accountPatches: AccountPatch[] = [];
            if (object === 'companies' && records.some((r) => r.properties.hubspot_owner_id)) {
              const emails = await ownerEmails();
              records.forEach((r, i) => {
                const email = emails.get(String(r.properties.hubspot_owner_id));
                const external = rows.accounts?.[i]?.external_id;
                if (email && external) accountPatches.push({ accountExternalId: String(external), ownerEmail: email });
              });
            }
            yield { rows, accountPatches, cursor: { ...at } };
          }
          after = page.paging?.next?.after;
          if (!after) break;
        }
      }
      if (mapping.accounts) yield* dealPages(at, mapping);
    },
  };

  /** Deals modified since the cursor, with their companies, as account patches. */
  async function* dealPages(at: Cursor, mapping: ConnectorMapping): AsyncGenerator<ConnectorPage> {
    const since = at.deals;
    let after: string | undefined;
    for (;;) {
      const request = searchSince(modifiedProperty.deals, since, dealProperties, after);
      const page = await call(() => client.crm.deals.searchApi.doSearch(request as never));
      const deals = page.results as unknown as HubspotObject[];
      if (deals.length) {
        const links = await call(() =>
          client.crm.associations.v4.batchApi.getPage('deals', 'companies', {
            inputs: deals.map((d) => ({ id: d.id })),
          }),
        );
        const companyOf = new Map<string, string>();
        for (const r of links.results as unknown as { _from: { id: string }; to: { toObjectId: string | number }[] }[])
          if (r.to[0]) companyOf.set(String(r._from.id), String(r.to[0].toObjectId));
        const accountOf = await accountIdsOf([...new Set(companyOf.values())], mapping);
        const last = Date.parse(String(deals.at(-1)!.properties[modifiedProperty.deals]));
        if (Number.isFinite(last)) at.deals = last;
        yield { rows: {}, accountPatches: dealPatches(deals, companyOf, accountOf), cursor: { ...at } };
      }
      after = page.paging?.next?.after;
      if (!after) break;
    }
  }

  /** Company id -> the account external id the accounts mapping gives it (it may read properties). */
  async function accountIdsOf(companyIds: string[], mapping: ConnectorMapping): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!companyIds.length || !mapping.accounts?.external_id) return out;
    const rule = { external_id: mapping.accounts.external_id };
    const read = await call(() =>
      client.crm.companies.batchApi.read({
        inputs: companyIds.map((id) => ({ id })),
        properties: propertiesOf(rule, 'companies'),
        propertiesWithHistory: [],
      }),
    );
    for (const company of read.results as unknown as HubspotObject[]) {
      const id = mapRecord(company, rule).external_id;
      if (id !== undefined) out.set(company.id, String(id));
    }
    return out;
  }
}

/** Reads changed objects by id (a webhook's batch), as rows. */
export async function hubspotObjectsById(
  settings: HubspotSettings,
  object: ObjectType,
  ids: string[],
  mapping: ConnectorMapping,
): Promise<ConnectorPage['rows']> {
  const fields = mapping[kindOf[object]];
  if (!fields || ids.length === 0) return {};
  const client = hubspotClient(settings);
  const api = object === 'companies' ? client.crm.companies.batchApi : client.crm.contacts.batchApi;
  const read = await callVendor('hubspot', () =>
    api.read({
      inputs: ids.map((id) => ({ id })),
      properties: propertiesOf(fields, object),
      propertiesWithHistory: [],
    }),
  );
  return hubspotRows(object, read.results as unknown as HubspotObject[], mapping);
}
