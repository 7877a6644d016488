import { Connection } from 'jsforce';

import { mapRecord, valueAt, type FieldMapping } from '../../core/mapping/field-mapping.js';
import type { Connector, ConnectorPage } from '../connector.js';
import { callVendor } from '../vendor-errors.js';

import type { ConnectorsConfig } from '../../config/config.js';

export type SalesforceSettings = NonNullable<ConnectorsConfig['salesforce']>;

/** Where each object's sync has got to: the last SystemModstamp written. */
type Cursor = Partial<Record<'Account' | 'Contact', string>>;

const objects = [
  { object: 'Account', kind: 'accounts' },
  { object: 'Contact', kind: 'contacts' },
] as const;

/** The fields a mapping reads from a record, as SOQL names ("Owner.Email" stays a relationship). */
function fieldsOf(mapping: FieldMapping): string[] {
  const paths = Object.values(mapping).flatMap((rule) =>
    typeof rule === 'string'
      ? [rule]
      : 'path' in rule
        ? [rule.path]
        : 'template' in rule
          ? [...rule.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
          : [],
  );
  return [...new Set(['Id', 'SystemModstamp', ...paths])];
}

/**
 * Salesforce Accounts and Contacts by incremental SOQL on SystemModstamp (jsforce, REST API). Only
 * fields the org has are asked for, so a mapping naming a custom field the org lacks still syncs
 * (the field's default applies).
 */
export function salesforceConnector(settings: SalesforceSettings): Connector {
  const clientCredentials = Boolean(settings.clientId && settings.clientSecret);
  const conn = clientCredentials
    ? new Connection({
        oauth2: { clientId: settings.clientId!, clientSecret: settings.clientSecret!, loginUrl: settings.loginUrl },
        version: settings.apiVersion,
      })
    : new Connection({
        instanceUrl: settings.instanceUrl!,
        accessToken: settings.accessToken!,
        version: settings.apiVersion,
      });
  const call = <T>(run: () => Promise<T>) => callVendor('salesforce', run);
  return {
    kind: 'salesforce',
    async *pages({ cursor, mapping }): AsyncGenerator<ConnectorPage> {
      // A fresh token per sync from the connected app (client credentials flow): none to renew by hand.
      if (clientCredentials) await call(() => conn.authorize({ grant_type: 'client_credentials' }));
      const at: Cursor = { ...((cursor as Cursor | undefined) ?? {}) };
      for (const { object, kind } of objects) {
        const fields = mapping[kind];
        if (!fields) continue;
        const described = await call(() => conn.sobject(object).describe());
        const known = new Set(described.fields.map((f) => f.name));
        const select = fieldsOf(fields).filter((f) => known.has(f.split('.')[0]!) || known.has(`${f.split('.')[0]}Id`));
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
            yield { rows: { [kind]: records.map((r) => mapRecord(r, fields)) }, cursor: { ...at } };
          }
          if (result.done || !result.nextRecordsUrl) break;
          const next = result.nextRecordsUrl;
          result = await call(async () => (await conn.queryMore<Record<string, unknown>>(next)) as Page);
        }
      }
    },
  };
}
