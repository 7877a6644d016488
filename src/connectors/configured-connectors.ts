import type { ConnectorsConfig } from '../config/config.js';
import type { Connector } from './connector.js';

/**
 * The connectors whose credentials are configured, in the order they sync. Each vendor's SDK is
 * loaded only when its connector is configured: together they add about half a second to start-up.
 */
export async function configuredConnectors(config: ConnectorsConfig): Promise<Connector[]> {
  const connectors: Connector[] = [];
  if (config.salesforce)
    connectors.push((await import('./salesforce/salesforce-connector.js')).salesforceConnector(config.salesforce));
  if (config.hubspot)
    connectors.push((await import('./hubspot/hubspot-connector.js')).hubspotConnector(config.hubspot));
  if (config.zendesk)
    connectors.push((await import('./zendesk/zendesk-connector.js')).zendeskConnector(config.zendesk));
  if (config.stripe) connectors.push((await import('./stripe/stripe-connector.js')).stripeConnector(config.stripe));
  return connectors;
}
