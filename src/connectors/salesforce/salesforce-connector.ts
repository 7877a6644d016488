import { mapRecord, pathsOf, valueAt, type FieldMapping } from '../../core/mapping/field-mapping.js';
import type { AccountPatch } from '../../services/ingest/account-patches.js';
import type { Connector, ConnectorMapping, ConnectorPage } from '../connector.js';
import { callVendor } from '../vendor-errors.js';
import { salesforceConnection, type SalesforceSettings } from './salesforce-connection.js';

export type { SalesforceSettings } from './salesforce-connection.js';

/** Where each object's sync has got to: the last SystemModstamp written. */
type Cursor = Partial<Record<string, string>>;
type SfRecord = Record<string, unknown>;

/** The fields a mapping reads from a record, as SOQL names ("Owner.Email" stays a relationship). */
const fieldsOf = (mapping: FieldMapping): string[] => [...new Set(['Id', 'SystemModstamp', ...pathsOf(mapping)])];

/** Open renewal opportunities: the earliest close date per account is its renewal date. */
function renewalPatches(records: SfRecord[]): AccountPatch[] {
  const earliest = new Map<string, string>();
  for (const r of records) {
    if (r.IsClosed === true || !/renewal/i.test(String(r.Type ?? '')) || !r.AccountId || !r.CloseDate) continue;
    const account = String(r.AccountId);
    const date = String(r.CloseDate).slice(0, 10);
    if (!earliest.has(account) || date < earliest.get(account)!) earliest.set(account, date);
  }
  return [...earliest].map(([accountExternalId, renewalDate]) => ({ accountExternalId, renewalDate }));
}

/** Activated contracts: the latest end date per account is its contract end. */
function contractPatches(records: SfRecord[]): AccountPatch[] {
  const latest = new Map<string, string>();
  for (const r of records) {
    if (r.Status !== 'Activated' || !r.AccountId || !r.EndDate) continue;
    const account = String(r.AccountId);
    const date = String(r.EndDate).slice(0, 10);
    if (!latest.has(account) || date > latest.get(account)!) latest.set(account, date);
  }
  return [...latest].map(([accountExternalId, contractEnd]) => ({ accountExternalId, contractEnd }));
}

interface SyncedObject {
  object: string;
  /** The fields to ask for, or undefined to skip the object. */
  fields(mapping: ConnectorMapping): string[] | undefined;
  page(records: SfRecord[], mapping: ConnectorMapping): Omit<ConnectorPage, 'cursor'>;
}

// Accounts first: contacts, opportunities and contracts refer to them. Opportunities and contracts
// patch the accounts they belong to (by Salesforce account id, the default external id).
const objects: SyncedObject[] = [
  {
    object: 'Account',
    fields: (m) => (m.accounts ? fieldsOf(m.accounts) : undefined),
    page: (records, m) => ({ rows: { accounts: records.map((r) => mapRecord(r, m.accounts!)) } }),
  },
  {
    object: 'Contact',
    fields: (m) => (m.contacts ? fieldsOf(m.contacts) : undefined),
    page: (records, m) => ({ rows: { contacts: records.map((r) => mapRecord(r, m.contacts!)) } }),
  },
  {
    object: 'Opportunity',
    fields: () => ['Id', 'SystemModstamp', 'AccountId', 'CloseDate', 'Type', 'IsClosed'],
    page: (records) => ({ rows: {}, accountPatches: renewalPatches(records) }),
  },
  {
    object: 'Contract',
    fields: () => ['Id', 'SystemModstamp', 'AccountId', 'EndDate', 'Status'],
    page: (records) => ({ rows: {}, accountPatches: contractPatches(records) }),
  },
];

/**
 * Salesforce Accounts, Contacts, Opportunities (renewal dates) and Contracts (contract ends) by
 * incremental SOQL on SystemModstamp (jsforce, REST API). Only
 * fields the org has are asked for, so a mapping naming a custom field the org lacks still syncs
 * (the field's default applies).
 */
export function salesforceConnector(settings: SalesforceSettings): Connector {
  const { conn, authorize } = salesforceConnection(settings);
  const call = <T>(run: () => Promise<T>) => callVendor('salesforce', run);
  return {
    kind: 'salesforce',
    async *pages({ cursor, mapping }): AsyncGenerator<ConnectorPage> {
      await authorize();
      const at: Cursor = { ...((cursor as Cursor | undefined) ?? {}) };
      for (const synced of objects) {
        const { object } = synced;
        const wanted = synced.fields(mapping);
        if (!wanted) continue;
        const described = await call(() => conn.sobject(object).describe());
        const known = new Set(described.fields.map((f) => f.name));
        const select = wanted.filter((f) => known.has(f.split('.')[0]!) || known.has(`${f.split('.')[0]}Id`));
        // ">=" re-reads the records of the last stamp written: harmless (upserts), and none are missed.
        const where = at[object] ? ` WHERE SystemModstamp >= ${at[object]}` : '';
        type Page = { records: Record<string, unknown>[]; done: boolean; nextRecordsUrl?: string };
        const soql = `SELECT ${select.join(', ')} FROM ${object}${where} ORDER BY SystemModstamp ASC`;
        let result: Page = await call(async () => (await conn.query<Record<string, unknown>>(soql)) as Page);
        for (;;) {
          const records = result.records;
          if (records.length) {
            // Salesforce sends "2026-11-16T09:00:00.000+0000"; SOQL takes "2026-11-16T09:00:00Z". Cut to the
            // second (downwards, so with ">=" nothing is missed).
            const last = new Date(String(valueAt(records.at(-1), 'SystemModstamp')).replace(/\+0000$/, 'Z'));
            at[object] = last.toISOString().replace(/\.\d{3}Z$/, 'Z');
            yield { ...synced.page(records, mapping), cursor: { ...at } };
          }
          if (result.done || !result.nextRecordsUrl) break;
          const next = result.nextRecordsUrl;
          result = await call(async () => (await conn.queryMore<Record<string, unknown>>(next)) as Page);
        }
      }
    },
  };
}
