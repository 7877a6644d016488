import type { Actor } from '../access/actor.js';

/**
 * What system steps do outside Tend's database, supplied by the app from the chat adapters and CRM
 * clients that are configured. Each returns where it went ("Slack DM to Ana Ruiz", "hubspot:123"),
 * kept in the audit, or throws with a message the run owner can act on.
 */
export interface PlayEffects {
  messageChampion(input: { accountId: string; text: string }): Promise<string>;
  surveyChampion(input: { accountId: string; survey: string; actor: Actor }): Promise<string>;
  postEscalation(input: { accountId: string; text: string }): Promise<string>;
  /** A task in the configured CRM, owned by the CRM user with `ownerEmail`; `ref` is kept ("hubspot:123"). */
  createCrmTask(input: {
    accountId: string;
    subject: string;
    body: string;
    dueAt: Date;
    ownerEmail: string | null;
  }): Promise<{ ref: string; to: string }>;
}
