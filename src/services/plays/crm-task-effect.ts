import type { PrismaClient } from '../../db/client.js';
import { crmRefOf, type CrmTasks } from './crm-tasks.js';
import type { PlayEffects } from './play-effects.js';

/** A play's CRM task, written through the configured CRM; says plainly when none is set up. */
export function crmTaskEffect(prisma: PrismaClient, crm: CrmTasks | undefined): PlayEffects['createCrmTask'] {
  return async ({ accountId, subject, body, dueAt, ownerEmail }) => {
    if (!crm)
      throw new Error(
        'no CRM is set up for tasks: set HubSpot or Salesforce credentials (and TEND_CRM_TASKS when both are set)',
      );
    if (!ownerEmail) throw new Error(`nobody with an email owns this step, so no ${crm.label} user can be matched`);
    const account = await prisma.account.findUniqueOrThrow({
      where: { id: accountId },
      select: { externalId: true, name: true },
    });
    const created = await crm.create({ subject, body, dueAt, ownerEmail, account });
    return {
      ref: crmRefOf(crm.kind, created.id),
      to: `${crm.label} task ${created.id} for ${ownerEmail}${
        created.linked ? ` on ${account.name}` : ` (not linked to ${account.name}: it did not come from ${crm.label})`
      }`,
    };
  };
}
