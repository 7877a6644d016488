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
  createCrmTask(input: {
    accountId: string;
    taskId: string;
    title: string;
    dueAt: Date;
    ownerEmail: string | null;
  }): Promise<string>;
}
