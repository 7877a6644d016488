import { z } from 'zod';
import { metricCatalogue } from '../metrics/metric-catalogue.js';

const metricKey = z
  .string()
  .refine((k) => metricCatalogue.has(k), { error: (i) => `unknown metric "${String(i.input)}"` });
const comparison = z.enum(['<', '<=', '>', '>=']);

const leafCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('score_below'), value: z.number() }),
  z.object({ kind: z.literal('score_at_least'), value: z.number() }),
  z.object({
    kind: z.literal('metric'),
    metric: metricKey,
    aggregation: z.enum(['latest', 'mean', 'sum', 'max', 'min']).default('latest'),
    windowDays: z.number().int().positive().default(30),
    op: comparison,
    value: z.number(),
  }),
  /** Mean of the last `periodDays` against the mean of the `periodDays` before (month over month at 30). */
  z.object({
    kind: z.literal('metric_change'),
    metric: metricKey,
    periodDays: z.number().int().positive().default(30),
    direction: z.enum(['decline', 'rise']),
    percentMoreThan: z.number().positive(),
  }),
  z.object({ kind: z.literal('renewal_within'), days: z.number().int().positive() }),
  z.object({ kind: z.literal('dimension_trend'), dimension: z.string(), trend: z.enum(['declining', 'improving']) }),
]);

export const triggerConditionSchema = z.union([
  leafCondition,
  z.object({ kind: z.literal('all'), conditions: z.array(leafCondition).min(1) }),
]);

export type TriggerCondition = z.infer<typeof triggerConditionSchema>;

export const triggerRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  label: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  condition: triggerConditionSchema,
  /** What Tend does (from the reference). */
  systemResponse: z.string(),
  /** What a person must do (from the reference). */
  humanAction: z.string(),
  /** Escalation path an unhandled signal follows (key of the preset's escalation paths). */
  escalationPath: z.string().optional(),
});

export type TriggerRule = z.infer<typeof triggerRuleSchema>;
