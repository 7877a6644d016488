import type { ConnectorsConfig } from '../config/config.js';
import type { CrmTasks } from '../services/plays/crm-tasks.js';

/** The CRM that play steps write tasks to, on its vendor's SDK (loaded only when chosen). */
export async function configuredCrmTasks(config: ConnectorsConfig): Promise<CrmTasks | undefined> {
  if (config.crmTasks === 'hubspot' && config.hubspot)
    return (await import('./hubspot/hubspot-tasks.js')).hubspotTasks(config.hubspot);
  if (config.crmTasks === 'salesforce' && config.salesforce)
    return (await import('./salesforce/salesforce-tasks.js')).salesforceTasks(config.salesforce);
  return undefined;
}
