import { z } from 'zod';

// What each tool argument takes, with an example, as an assistant's model reads it in the schema.
// Keyed by field name; `tool.field` where one name means different things in different tools.

const fields: Record<string, string> = {
  account: 'The account’s name as the user wrote it (close spellings are matched), e.g. "Acme Corp".',
  first: 'The first account’s name, e.g. "Acme Corp".',
  second: 'The second account’s name, e.g. "Globex Industries".',
  fact: 'Which fact: owner, arr, renewal, sponsor, champion, tier, stage, last_touch, or "all" for the account’s card.',
  segment: 'Only accounts in this segment, e.g. "enterprise". Leave out for every segment.',
  tier: 'Only accounts in this tier, e.g. "gold". Leave out for every tier.',
  region: 'Only accounts in this region, e.g. "EMEA". Leave out for every region.',
  mine: 'true: only the asker’s own accounts. Leave out for every account they may see.',
  by: 'How to rank, e.g. "arr". Leave out for the default order.',
  'list_accounts.by':
    'Rank by "arr", "health", "drop" (health fall over the period) or "usage" (usage fall over the period), e.g. "arr". Leave out for no ranking.',
  'list_at_risk.by': 'Order by "arr" (largest first) or "health" (lowest first, the default), e.g. "arr".',
  order: '"top" (largest or healthiest first, the default) or "bottom", e.g. "bottom".',
  band: 'Only accounts in this health band, by its label, e.g. "Healthy" or "Watch".',
  notContactedDays: 'Only accounts with no touchpoint in this many days, e.g. 30.',
  periodDays: 'The period a "drop" or "usage" ranking looks back over, in days, e.g. 30 (default 30).',
  'list_renewals.days': 'Renewals within this many days from today, e.g. 90.',
  at_risk_only: 'true: only renewals whose account is at risk.',
  'my_tasks.days': 'Only tasks due within this many days, e.g. 7 (0: due today). Leave out for every open task.',
  overdue: 'true: only overdue tasks.',
  days: 'A number of days, e.g. 30.',
  'revenue_retention.days': 'The period in days, e.g. 365 (default: the last 12 months).',
  'time_to_first_value.days': 'Accounts that started within this many days, e.g. 365. Leave out for all.',
  scope: '"me" (the asker’s book), "team" (their team’s) or "all", e.g. "me".',
  quarter: 'The quarter as year and quarter, e.g. "2026Q3". Leave out for the last completed quarter.',
  limit:
    'How many rows to return, 1 to 200, e.g. 50 (default 50). The answer states the total and gives `nextCursor` when more remain.',
  cursor:
    'The `nextCursor` from the previous page of this same call, to get the rows after it. Leave out for the first page.',
  text: 'The note, as the user gave it, e.g. "Called the CFO: renewal on track, wants SSO in Q3".',
  'snooze_alerts.days': 'Days from now to hold the alerts back, e.g. 14 (0 wakes them).',
  alertId: 'The alert’s id (a UUID), e.g. from the `actions` of a Tend answer: "3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f".',
  'act_on_alert.action': '"ack" (seen), "claim" (take it on) or "snooze", e.g. "claim".',
  'act_on_alert.days': 'For "snooze": days to hold it back, e.g. 7 (default 7). Ignored otherwise.',
  play: 'The play’s id or words of its name, e.g. "low-usage".',
  taskId:
    'The task’s id (a UUID) from the `actions` of my_tasks or next_steps, e.g. "9c1e3f2b-4a8d-4c6b-9e2f-6f5e4d3c2b1a".',
  'act_on_task.action': 'One of done, skip, snooze, reassign, approve, deny, e.g. "done".',
  'act_on_task.days': 'For "snooze": days to put the task off, e.g. 3.',
  reason: 'For "skip" (and "deny"): why, e.g. "Customer already renewed".',
  to: 'For "reassign": the person’s name or email, e.g. "sam@example.com".',
  message: 'For "approve": the text to send instead of the step’s own, e.g. "Hi Dana, ...".',
};

/** The schema with a description on every field that has none of its own. */
export function describeFields(tool: string, schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const text = fields[`${tool}.${key}`] ?? fields[key];
    shape[key] = text && !field.description ? field.describe(text) : field;
  }
  return z.object(shape);
}
