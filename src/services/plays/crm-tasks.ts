/**
 * A CRM's task list, as far as plays write to it: the connectors implement it on the vendor's SDK
 * (HubSpot tasks, Salesforce Task) and the app hands the configured one to plays.
 */
export interface CrmTasks {
  kind: 'hubspot' | 'salesforce';
  /** The vendor's name for people ("HubSpot", "Salesforce"). */
  label: string;
  /**
   * Creates an open task owned by the CRM user with `ownerEmail`, linked to the account's CRM record
   * when Tend knows it. Throws with a reason a person can act on (no CRM user has that email).
   */
  create(input: {
    subject: string;
    body: string;
    dueAt: Date;
    ownerEmail: string;
    account: { externalId: string; name: string };
  }): Promise<{ id: string; linked: boolean }>;
  /** Whether each task is still open, completed, or gone from the CRM. */
  statuses(ids: string[]): Promise<Map<string, CrmTaskStatus>>;
  /** Marks a task completed, or deferred when it was skipped in Tend. */
  close(id: string, how: 'completed' | 'deferred'): Promise<void>;
}

export type CrmTaskStatus = 'open' | 'completed' | 'deferred' | 'missing';

/** "hubspot:123" <-> kind and id. */
export const crmRefOf = (kind: CrmTasks['kind'], id: string) => `${kind}:${id}`;
export function parseCrmRef(ref: string): { kind: string; id: string } {
  const at = ref.indexOf(':');
  return { kind: ref.slice(0, at), id: ref.slice(at + 1) };
}
