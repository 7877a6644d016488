import { z } from 'zod';

// A play: what a team does when a signal fires, as data (validated like presets, versioned like
// them). Steps are human (a person does it by a due day) or system (Tend does it, and anything that
// reaches a client or a CRM waits for the run owner's approval first).

/** Limits of a play file: a play is a short checklist, not a document (each one is named when exceeded). */
export const playLimits = {
  /** Bytes of a play file. */
  fileBytes: 1_000_000,
  playsPerFile: 200,
  stepsPerPlay: 50,
  /** Characters of `source`, the framework section the play comes from. */
  sourceLength: 500,
  /** Characters of names, roles, themes and survey ids. */
  labelLength: 200,
  /** Characters of a step's message (a check-in or CRM task text). */
  messageLength: 2000,
} as const;

// NUL and other control characters cannot be stored (PostgreSQL refuses \u0000 in JSON) and show as
// nothing on a screen; a message may keep line breaks and tabs.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const lineBreak = /[\n\r\t]/;

/** Text a person wrote into a play file: not empty, at most `max` characters, no control characters. */
function text(max: number, options: { multiline?: boolean } = {}) {
  return z
    .string()
    .min(1, 'is empty')
    .max(max, { error: (issue) => `is ${String(issue.input).length} characters long; the limit is ${max}` })
    .refine((value) => !controlCharacter.test(value) && (options.multiline || !lineBreak.test(value)), {
      error: options.multiline
        ? 'contains a control character (such as NUL, \\u0000): remove it'
        : 'contains a control character or line break (such as NUL, \\u0000): remove it',
    });
}

const slug = z
  .string()
  .max(80, { error: (issue) => `is ${String(issue.input).length} characters long; the limit is 80` })
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower case letters, digits, - and _ only');

/** Who a human step is for: the account owner, their manager, or a named role of an escalation path. */
export const stepOwnerSchema = z.union(
  [z.enum(['owner', 'manager', 'executive_sponsor']), z.object({ role: text(playLimits.labelLength) })],
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
    title: text(playLimits.labelLength),
    who: stepOwnerSchema,
    dueDays: z.number().int().min(0, 'is due in fewer than 0 days').max(365),
  }),
  z.object({
    kind: z.literal('system'),
    title: text(playLimits.labelLength),
    action: z.enum(['survey_champion', 'check_in_champion', 'post_escalation', 'crm_task', 'draft_qbr']),
    dueDays: z.number().int().min(0, 'is due in fewer than 0 days').max(365),
    /** The message a client would get (check-in), or the task text (CRM); shown for approval. */
    message: text(playLimits.messageLength, { multiline: true }).optional(),
    /** Survey id for survey_champion. */
    survey: text(playLimits.labelLength).optional(),
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
  z.object({
    on: z.literal('feedback_theme'),
    theme: text(playLimits.labelLength),
    auto: z.literal(false).default(false),
  }),
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
  name: text(120),
  version: z.number().int().positive().default(1),
  /** Which framework section the play comes from. */
  source: text(playLimits.sourceLength),
  /** Empty: started only by hand. */
  starts: z
    .array(playStartSchema)
    .max(20, { error: (issue) => `has ${(issue.input as unknown[]).length} starts; the limit is 20` })
    .default([]),
  steps: z
    .array(playStepSchema)
    .min(1, 'has no steps')
    .max(playLimits.stepsPerPlay, {
      error: (issue) =>
        `has ${(issue.input as unknown[]).length} steps; the limit is ${playLimits.stepsPerPlay} (split it into several plays)`,
    }),
  success: playSuccessSchema,
  /** Escalation path (a preset's path key) an overdue task climbs. */
  escalationPath: text(playLimits.labelLength).optional(),
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
