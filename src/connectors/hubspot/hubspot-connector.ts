import { Client } from '@hubspot/api-client';
import type { ConnectorsConfig } from '../../config/config.js';
import { mapRecord, type FieldMapping } from '../../core/mapping/field-mapping.js';
import type { Connector, ConnectorMapping, ConnectorPage } from '../connector.js';
import { callVendor } from '../vendor-errors.js';

export type HubspotSettings = NonNullable<ConnectorsConfig['hubspot']>;
type ObjectType = 'companies' | 'contacts';
type Cursor = Partial<Record<ObjectType, number>>;
interface HubspotObject {
  id: string;
  properties: Record<string, string | null>;
}

// HubSpot calls "last modified" differently per object.
const modifiedProperty: Record<ObjectType, string> = { companies: 'hs_lastmodifieddate', contacts: 'lastmodifieddate' };
const kindOf = { companies: 'accounts', contacts: 'contacts' } as const;
const pageSize = 100;

/** The HubSpot properties a mapping reads (`properties.x` paths and template parts). */
function propertiesOf(mapping: FieldMapping, object: ObjectType): string[] {
  const paths = Object.values(mapping).flatMap((rule) =>
    typeof rule === 'string'
      ? [rule]
      : 'path' in rule
        ? [rule.path]
        : 'template' in rule
          ? [...rule.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
          : [],
  );
  return [
    ...new Set([
      modifiedProperty[object],
      ...paths.filter((p) => p.startsWith('properties.')).map((p) => p.slice('properties.'.length)),
    ]),
  ];
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
 * HubSpot companies (accounts) and contacts through the CRM search API, by last-modified time,
 * page by page (official @hubspot/api-client). Webhooks bring single changes in between.
 */
export function hubspotConnector(settings: HubspotSettings): Connector {
  const client = hubspotClient(settings);
  const call = <T>(run: () => Promise<T>) => callVendor('hubspot', run);
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
          const request = {
            filterGroups: since
              ? [{ filters: [{ propertyName: modifiedProperty[object], operator: 'GTE', value: String(since) }] }]
              : [],
            sorts: [{ propertyName: modifiedProperty[object], direction: 'ASCENDING' }],
            properties: propertiesOf(fields, object),
            limit: pageSize,
            ...(after ? { after } : {}),
          };
          const page = await call(() => api.doSearch(request as never));
          const records = page.results as unknown as HubspotObject[];
          if (records.length) {
            const last = Date.parse(String(records.at(-1)!.properties[modifiedProperty[object]]));
            if (Number.isFinite(last)) at[object] = last;
            yield { rows: hubspotRows(object, records, mapping), cursor: { ...at } };
          }
          after = page.paging?.next?.after;
          if (!after) break;
        }
      }
    },
  };
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
