import type { FormRequest } from './reply.js';

/**
 * Skip asks why in a form (a Slack modal, a Teams dialog); a terminal types `task skip <id>: <reason>`.
 * The task travels by id; the step and its account label the form.
 */
export const skipForm = (task: { id: string; title: string; accountName: string }): FormRequest => ({
  kind: 'skip_reason',
  accountId: task.id,
  accountName: `${task.title} (${task.accountName})`,
});
