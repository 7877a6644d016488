import { AssociationTypes } from '@hubspot/api-client';
import type { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks/models/AssociationSpec.js';
import type { CrmTasks, CrmTaskStatus } from '../../services/plays/crm-tasks.js';
import { callVendor } from '../vendor-errors.js';
import { hubspotClient, type HubspotSettings } from './hubspot-connector.js';

// Accounts synced from HubSpot with the default mapping carry the company id in their external id.
const companyIdOf = (externalId: string) => /^hubspot-(\d+)$/.exec(externalId)?.[1];
const batchSize = 100;

/** Play tasks as HubSpot tasks (official @hubspot/api-client), owned by the HubSpot user with the CSM's email. */
export function hubspotTasks(settings: HubspotSettings): CrmTasks {
  const client = hubspotClient(settings);
  const call = <T>(run: () => Promise<T>) => callVendor('hubspot', run);
  return {
    kind: 'hubspot',
    label: 'HubSpot',
    async create({ subject, body, dueAt, ownerEmail, account }) {
      const owners = await call(() => client.crm.owners.ownersApi.getPage(ownerEmail, undefined, 1));
      const owner = owners.results.find((o) => o.email?.toLowerCase() === ownerEmail.toLowerCase());
      if (!owner)
        throw new Error(
          `no HubSpot user has the email ${ownerEmail}: add them as a HubSpot user, or reassign the step to someone who is`,
        );
      const company = companyIdOf(account.externalId);
      const created = await call(() =>
        client.crm.objects.tasks.basicApi.create({
          properties: {
            hs_task_subject: subject,
            hs_task_body: body,
            hs_timestamp: dueAt.toISOString(),
            hs_task_status: 'NOT_STARTED',
            hs_task_type: 'TODO',
            hubspot_owner_id: String(owner.id),
          },
          associations: company
            ? [
                {
                  to: { id: company },
                  types: [
                    {
                      // The SDK's enum is not exported from its entry point; the value is the documented string.
                      associationCategory: 'HUBSPOT_DEFINED' as AssociationSpecAssociationCategoryEnum,
                      associationTypeId: AssociationTypes.taskToCompany,
                    },
                  ],
                },
              ]
            : [],
        }),
      );
      return { id: created.id, linked: !!company };
    },
    async statuses(ids) {
      const out = new Map<string, CrmTaskStatus>(ids.map((id) => [id, 'missing']));
      for (let i = 0; i < ids.length; i += batchSize) {
        const read = await call(() =>
          client.crm.objects.tasks.batchApi.read({
            inputs: ids.slice(i, i + batchSize).map((id) => ({ id })),
            properties: ['hs_task_status'],
            propertiesWithHistory: [],
          }),
        );
        for (const task of read.results) {
          const status = task.properties.hs_task_status;
          out.set(task.id, status === 'COMPLETED' ? 'completed' : status === 'DEFERRED' ? 'deferred' : 'open');
        }
      }
      return out;
    },
    async close(id, how) {
      await call(() =>
        client.crm.objects.tasks.basicApi.update(id, {
          properties: { hs_task_status: how === 'completed' ? 'COMPLETED' : 'DEFERRED' },
        }),
      );
    },
  };
}
