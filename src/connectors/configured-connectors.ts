import type { ConnectorsConfig } from '../config/config.js';
import type { Connector } from './connector.js';
import { hubspotConnector } from './hubspot/hubspot-connector.js';
import { salesforceConnector } from './salesforce/salesforce-connector.js';
import { stripeConnector } from './stripe/stripe-connector.js';
import { zendeskConnector } from './zendesk/zendesk-connector.js';

/** The connectors whose credentials are configured, in the order they sync. */
export function configuredConnectors(config: ConnectorsConfig): Connector[] {
  return [
    ...(config.salesforce ? [salesforceConnector(config.salesforce)] : []),
    ...(config.hubspot ? [hubspotConnector(config.hubspot)] : []),
    ...(config.zendesk ? [zendeskConnector(config.zendesk)] : []),
    ...(config.stripe ? [stripeConnector(config.stripe)] : []),
  ];
}
