import { z } from 'zod';

const entryCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_contract') }),
  z.object({ kind: z.literal('status'), status: z.enum(['active', 'churned']) }),
  /** Whole months since contract start: min inclusive, max exclusive. */
  z.object({
    kind: z.literal('months_since_start'),
    min: z.number().min(0).optional(),
    max: z.number().positive().optional(),
  }),
  z.object({ kind: z.literal('days_to_renewal'), max: z.number().int().min(0) }),
  z.object({ kind: z.literal('score_at_least'), value: z.number() }),
  z.object({ kind: z.literal('metric_at_least'), metric: z.string(), value: z.number() }),
]);

export type EntryCondition = z.infer<typeof entryCondition>;

export const lifecycleSchema = z.object({
  /** Stages in journey order, for display. */
  stages: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        objective: z.string().optional(),
        owner: z.string().optional(),
        measuredOutcome: z.string().optional(),
      }),
    )
    .min(1),
  /** Checked top to bottom; the first rule whose conditions all hold gives the stage. */
  entryRules: z.array(z.object({ stage: z.string(), when: z.array(entryCondition) })).min(1),
});

export type Lifecycle = z.infer<typeof lifecycleSchema>;

export const cadenceSchema = z.object({
  plans: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        /** The plan applies to accounts whose tier or segment is listed. */
        match: z.object({ tiers: z.array(z.string()).optional(), segments: z.array(z.string()).optional() }),
        touchpoints: z
          .array(
            z.object({
              key: z.string(),
              label: z.string(),
              everyDays: z.number().int().positive(),
              /** A tighter rhythm at the start of the contract (e.g. weekly for the first 3 months). */
              early: z.object({ months: z.number().positive(), everyDays: z.number().int().positive() }).optional(),
              /** Activity kinds that count as this touchpoint. */
              counts: z.array(z.string()).min(1),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type Cadence = z.infer<typeof cadenceSchema>;

export const renewalMilestoneSchema = z.object({
  daysBefore: z.number().int().min(0),
  label: z.string(),
  tasks: z.array(z.string()),
});

export type RenewalMilestone = z.infer<typeof renewalMilestoneSchema>;

export const escalationPathSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Conditions, in the reference's words, under which this path applies. */
  when: z.array(z.string()),
  steps: z
    .array(
      z.object({
        level: z.number().int().positive(),
        role: z.string(),
        /** Target response time at this level, if the reference gives one. */
        responseHours: z.number().positive().optional(),
        scope: z.string().optional(),
      }),
    )
    .min(1),
});

export type EscalationPath = z.infer<typeof escalationPathSchema>;
