import { Connection } from 'jsforce';
import type { ConnectorsConfig } from '../../config/config.js';
import { callVendor } from '../vendor-errors.js';

export type SalesforceSettings = NonNullable<ConnectorsConfig['salesforce']>;

/**
 * A jsforce connection from the settings: a connected app's client credentials (preferred: `authorize`
 * gets a fresh token, none to renew by hand), or an instance URL with an access token for a quick try.
 */
export function salesforceConnection(settings: SalesforceSettings): { conn: Connection; authorize(): Promise<void> } {
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
  return {
    conn,
    async authorize() {
      if (clientCredentials) await callVendor('salesforce', () => conn.authorize({ grant_type: 'client_credentials' }));
    },
  };
}
