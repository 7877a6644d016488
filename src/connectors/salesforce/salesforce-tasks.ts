import type { CrmTasks, CrmTaskStatus } from '../../services/plays/crm-tasks.js';
import { callVendor } from '../vendor-errors.js';
import { salesforceConnection, type SalesforceSettings } from './salesforce-connection.js';

// Accounts synced from Salesforce with the default mapping carry the Account Id as their external id.
const isAccountId = (id: string) => /^001[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(id);
/** A SOQL string literal (backslash and quote escaped, as SOQL requires). */
const quoted = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const batchSize = 200;

interface SaveResult {
  id?: string;
  success: boolean;
  errors?: { message?: string }[] | string[];
}

/** Play tasks as Salesforce Tasks (jsforce, REST API), owned by the active user with the CSM's email. */
export function salesforceTasks(settings: SalesforceSettings): CrmTasks {
  const { conn, authorize } = salesforceConnection(settings);
  const call = <T>(run: () => Promise<T>) => callVendor('salesforce', run);
  const query = <T>(soql: string) =>
    call(async () => (await conn.query<Record<string, unknown>>(soql)) as unknown as { records: T[] });
  const saved = (result: SaveResult) => {
    if (result.success && result.id) return result.id;
    const reason = (result.errors ?? []).map((e) => (typeof e === 'string' ? e : e.message)).join('; ');
    throw new Error(`Salesforce refused the task${reason ? `: ${reason}` : ''}`);
  };
  return {
    kind: 'salesforce',
    label: 'Salesforce',
    async create({ subject, body, dueAt, ownerEmail, account }) {
      await authorize();
      const users = await query<{ Id: string }>(
        `SELECT Id FROM User WHERE Email = ${quoted(ownerEmail)} AND IsActive = true LIMIT 1`,
      );
      const owner = users.records[0];
      if (!owner)
        throw new Error(
          `no active Salesforce user has the email ${ownerEmail}: add them in Salesforce, or reassign the step to someone who is`,
        );
      const linked = isAccountId(account.externalId);
      const result = await call(
        async () =>
          (await conn.sobject('Task').create({
            Subject: subject.slice(0, 255),
            Description: body,
            ActivityDate: dueAt.toISOString().slice(0, 10),
            Status: 'Not Started',
            OwnerId: owner.Id,
            ...(linked ? { WhatId: account.externalId } : {}),
          })) as SaveResult,
      );
      return { id: saved(result), linked };
    },
    async statuses(ids) {
      const out = new Map<string, CrmTaskStatus>(ids.map((id) => [id, 'missing']));
      if (!ids.length) return out;
      await authorize();
      for (let i = 0; i < ids.length; i += batchSize) {
        const soql = `SELECT Id, Status, IsClosed FROM Task WHERE Id IN (${ids
          .slice(i, i + batchSize)
          .map(quoted)
          .join(', ')})`;
        const result = await query<{ Id: string; Status: string; IsClosed: boolean }>(soql);
        // Ids are the 18-character ones Salesforce gave at creation and answers with.
        for (const task of result.records)
          out.set(task.Id, task.Status === 'Deferred' ? 'deferred' : task.IsClosed ? 'completed' : 'open');
      }
      return out;
    },
    async close(id, how) {
      await authorize();
      const result = await call(
        async () =>
          (await conn
            .sobject('Task')
            .update({ Id: id, Status: how === 'completed' ? 'Completed' : 'Deferred' })) as SaveResult,
      );
      saved(result);
    },
  };
}
