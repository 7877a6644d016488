import { z } from 'zod';

// A play: what a team does when a signal fires, as data (validated like presets, versioned like
// them). Steps are human (a person does it by a due day) or system (Tend does it, and anything that
// reaches a client or a CRM waits for the run owner's approval first).

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower case letters, digits, - and _ only');

/** Who a human step is for: the account owner, their manager, or a named role of an escalation path. */
export const stepOwnerSchema = z.union(
  [z.enum(['owner', 'manager', 'executive_sponsor']), z.object({ role: z.string().min(1) })],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'has no owner: give who as owner, manager, executive_sponsor or { "role": "<escalation role>" }'
        : 'who must be owner, manager, executive_sponsor or { "role": "<escalation role>" }',
  },
);

export const playStepSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('human'),
    title: z.string().min(1).max(200),
    who: stepOwnerSchema,
    dueDays: z.number().int().min(0, 'is due in fewer than 0 days').max(365),
  }),
  z.object({
    kind: z.literal('system'),
    title: z.string().min(1).max(200),
    action: z.enum(['survey_champion', 'check_in_champion', 'post_escalation', 'crm_task', 'draft_qbr']),
    dueDays: z.number().int().min(0, 'is due in fewer than 0 days').max(365),
    /** The message a client would get (check-in), or the task text (CRM); shown for approval. */
    message: z.string().min(1).max(2000).optional(),
    /** Survey id for survey_champion. */
    survey: z.string().min(1).optional(),
    /**
     * crm_task only: the number (from 1) of a human step this CRM task mirrors. The CRM task is that
     * step's, owned by its assignee's CRM user, and completing it in the CRM completes the step.
     */
    mirrors: z.number().int().positive().optional(),
  }),
]);

/** `auto: false`: the alert offers the play (a Start play button) instead of starting it. */
const auto = z.boolean().default(true);
export const playStartSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal('trigger'), trigger: slug, auto }),
  /** Entering an at-risk band (the health alert "at risk"). */
  z.object({ on: z.literal('at_risk'), auto }),
  z.object({ on: z.literal('renewal'), daysBefore: z.number().int().positive(), auto }),
  /** Offered when the theme shows up in a client's feedback (by hand until feedback alerts exist). */
  z.object({ on: z.literal('feedback_theme'), theme: z.string().min(1), auto: z.literal(false).default(false) }),
]);

export const playSuccessSchema = z.discriminatedUnion('kind', [
  /** The signal that started the run cleared (its alert resolved) within the days. */
  z.object({ kind: z.literal('signal_cleared'), withinDays: z.number().int().positive() }),
  /** Health out of the at-risk bands within the days. */
  z.object({ kind: z.literal('not_at_risk'), withinDays: z.number().int().positive() }),
  /** The account renewed (or expanded) at its next renewal. */
  z.object({ kind: z.literal('renewed') }),
]);

export const playSchema = z.object({
  id: slug,
  name: z.string().min(1).max(120),
  version: z.number().int().positive().default(1),
  /** Which framework section the play comes from. */
  source: z.string().min(1),
  /** Empty: started only by hand. */
  starts: z.array(playStartSchema).default([]),
  steps: z.array(playStepSchema).min(1, 'has no steps'),
  success: playSuccessSchema,
  /** Escalation path (a preset's path key) an overdue task climbs. */
  escalationPath: z.string().optional(),
  /**
   * Share of runs (0-50 %) whose *system* steps are held back at random, so the report can measure
   * what the automated part adds. Human steps always run.
   */
  holdoutPercent: z.number().int().min(0).max(50).default(0),
});

export type PlayStep = z.output<typeof playStepSchema>;
export type PlayStart = z.output<typeof playStartSchema>;
export type PlaySuccess = z.output<typeof playSuccessSchema>;
export type Play = z.output<typeof playSchema>;
export type StepOwner = z.output<typeof stepOwnerSchema>;
