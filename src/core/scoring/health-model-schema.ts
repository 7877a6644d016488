import { z } from 'zod';
import { metricCatalogue } from '../metrics/metric-catalogue.js';

// A health model is data: dimensions of weighted inputs, each input a metric with a normaliser
// that maps its raw value (in the metric's unit) to 0..100. Validation names the exact problem.

const normaliserSchema = z.discriminatedUnion('kind', [
  /** Raw 0..100 percentage used as is (clamped). */
  z.object({ kind: z.literal('percentage') }),
  /** value / target * 100, capped at 100 (BIS: 5 logins a week = 100). */
  z.object({ kind: z.literal('linear_to_target'), target: z.number().positive() }),
  /** value / baseline * 100, capped at `cap` (default 100): usage against what was expected. */
  z.object({
    kind: z.literal('ratio_to_baseline'),
    baseline: z.number().positive(),
    cap: z.number().positive().default(100),
  }),
  /** Lower is better: 100 at or below `good`, 0 at or above `bad`, linear between. */
  z.object({ kind: z.literal('inverse'), good: z.number(), bad: z.number() }),
  /**
   * Points deducted (in a `penalty` dimension) once the value passes `threshold`:
   * min((value - threshold) / divisor * multiplier, cap). As a score: 100 - that, floored at 0.
   */
  z.object({
    kind: z.literal('penalty'),
    threshold: z.number(),
    divisor: z.number().positive().default(1),
    multiplier: z.number().positive(),
    cap: z.number().positive().optional(),
  }),
  /** Step function: the first band whose [min, max) holds the value gives the score. */
  z.object({
    kind: z.literal('banded'),
    bands: z
      .array(z.object({ min: z.number().optional(), max: z.number().optional(), score: z.number().min(0).max(100) }))
      .min(1),
  }),
  /** NPS -100..100 -> (nps + 100) / 2. */
  z.object({ kind: z.literal('nps') }),
  /** CSAT 1..5 -> (csat - 1) / 4 * 100. */
  z.object({ kind: z.literal('csat') }),
  /** 0/1 -> 0/100. */
  z.object({ kind: z.literal('boolean') }),
]);

export type Normaliser = z.infer<typeof normaliserSchema>;

const inputSchema = z.object({
  metric: z.string().refine((k) => metricCatalogue.has(k), {
    error: (issue) => `unknown metric "${String(issue.input)}" (known: ${[...metricCatalogue.keys()].join(', ')})`,
  }),
  label: z.string().optional(),
  /** Share of the dimension, in percent (for a penalty dimension: its maximum impact). */
  weight: z.number().positive(),
  normaliser: normaliserSchema,
  /** How observations in the window become one value. */
  aggregation: z.enum(['latest', 'mean', 'sum', 'max', 'min']).default('latest'),
  /** Observations older than this many days before `now` are not used. */
  windowDays: z.number().int().positive().default(90),
  /** An input whose newest observation is older than this counts half towards confidence. */
  maxAgeDays: z.number().int().positive().optional(),
});

export type ModelInput = z.infer<typeof inputSchema>;

const dimensionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case'),
  label: z.string(),
  /** Share of the overall score, in percent. */
  weight: z.number().positive(),
  /** weighted: sum of normalised inputs x their shares; penalty: 100 minus the inputs' penalties. */
  method: z.enum(['weighted', 'penalty']).default('weighted'),
  inputs: z.array(inputSchema).min(1),
});

export type ModelDimension = z.infer<typeof dimensionSchema>;

const bandSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Inclusive lower bound. */
  min: z.number().min(0).max(100),
  /** Exclusive upper bound, except that the top band includes 100. */
  max: z.number().min(0).max(100),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #2eb67d'),
  /** How the references describe the band (shown in explanations). */
  meaning: z.string().optional(),
  /** Whether accounts in this band count as at risk in lists and filters (default: band below 60). */
  atRisk: z.boolean().optional(),
});

export type Band = z.infer<typeof bandSchema>;

const redFlagSchema = z.object({
  id: z.string(),
  label: z.string(),
  metric: z.string().refine((k) => metricCatalogue.has(k), { error: (i) => `unknown metric "${String(i.input)}"` }),
  op: z.enum(['<', '<=', '>', '>=']),
  value: z.number(),
  aggregation: z.enum(['latest', 'mean', 'sum', 'max', 'min']).default('latest'),
  windowDays: z.number().int().positive().default(90),
});

const recommendationSchema = z.object({
  /** The rule fires when this dimension's score (or the overall score) is below `below`. */
  dimension: z.string().optional(),
  below: z.number(),
  priority: z.enum(['Critical', 'High', 'Medium', 'Low']),
  category: z.string(),
  action: z.string(),
  expectedImpact: z.string().optional(),
});

export const healthModelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    version: z.string(),
    name: z.string(),
    source: z.string().optional(),
    description: z.string().optional(),
    dimensions: z.array(dimensionSchema).min(1),
    /** Scale weights that do not sum to 100 instead of rejecting the model. */
    normaliseWeights: z.boolean().default(false),
    /**
     * renormalise: score over the inputs present and lower the confidence (default).
     * zero: use 0 for a missing input, as BIS's calculator does with dict.get(key, 0); still listed.
     */
    missingInputs: z.enum(['renormalise', 'zero']).default('renormalise'),
    /**
     * Share of the model's weight (0..1) that must be backed by data in its window for a score.
     * Below it the account is "not enough data to score": no band, no at-risk alert, left out of
     * backtests, so an account with no data never reads as 0/100.
     */
    minimumCoverage: z.number().min(0).max(1).default(0.5),
    bands: z.array(bandSchema).min(1),
    /** Band from the exact score (as BIS's calculator does) or from the rounded one shown to users. */
    bandFrom: z.enum(['exact', 'rounded']).default('rounded'),
    rounding: z
      .object({
        decimals: z.number().int().min(0).max(4).default(1),
        mode: z.enum(['half-even', 'half-up']).default('half-even'),
      })
      .default({ decimals: 1, mode: 'half-even' }),
    /** Score an input is compared with to call it a positive or negative driver. */
    driverTarget: z.number().min(0).max(100).default(70),
    redFlags: z.array(redFlagSchema).default([]),
    recommendations: z.array(recommendationSchema).default([]),
  })
  .superRefine((model, ctx) => {
    const dimKeys = new Set<string>();
    model.dimensions.forEach((d, i) => {
      if (dimKeys.has(d.key))
        ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'key'], message: `duplicate dimension "${d.key}"` });
      dimKeys.add(d.key);
      const inputSum = d.inputs.reduce((s, input) => s + input.weight, 0);
      if (d.method === 'weighted' && !model.normaliseWeights && Math.abs(inputSum - 100) > 1e-9) {
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'inputs'],
          message: `input weights of dimension "${d.key}" sum to ${inputSum}, not 100 (set normaliseWeights: true to scale them)`,
        });
      }
    });
    const total = model.dimensions.reduce((s, d) => s + d.weight, 0);
    if (!model.normaliseWeights && Math.abs(total - 100) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `dimension weights sum to ${total}, not 100 (set normaliseWeights: true to scale them)`,
      });
    }
    const bands = [...model.bands].sort((a, b) => a.min - b.min);
    if (bands[0]!.min !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['bands'],
        message: `bands leave a gap: nothing covers 0 to ${bands[0]!.min}`,
      });
    if (bands.at(-1)!.max !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['bands'],
        message: `bands leave a gap: nothing covers ${bands.at(-1)!.max} to 100`,
      });
    for (let i = 0; i < bands.length; i++) {
      const band = bands[i]!;
      if (band.max <= band.min)
        ctx.addIssue({
          code: 'custom',
          path: ['bands'],
          message: `band "${band.key}" is empty: max ${band.max} is not above min ${band.min}`,
        });
      const next = bands[i + 1];
      if (!next) continue;
      if (next.min > band.max)
        ctx.addIssue({
          code: 'custom',
          path: ['bands'],
          message: `bands leave a gap between ${band.max} ("${band.key}") and ${next.min} ("${next.key}")`,
        });
      if (next.min < band.max)
        ctx.addIssue({
          code: 'custom',
          path: ['bands'],
          message: `bands "${band.key}" and "${next.key}" overlap between ${next.min} and ${band.max}`,
        });
    }
    model.recommendations.forEach((r, i) => {
      if (r.dimension && !dimKeys.has(r.dimension)) {
        ctx.addIssue({
          code: 'custom',
          path: ['recommendations', i, 'dimension'],
          message: `unknown dimension "${r.dimension}"`,
        });
      }
    });
  });

export type HealthModel = z.output<typeof healthModelSchema>;
export type HealthModelInput = z.input<typeof healthModelSchema>;

export class InvalidModelError extends Error {
  constructor(
    readonly modelId: string,
    readonly problems: string[],
  ) {
    super(`Health model "${modelId}" is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidModelError';
  }
}

/** Validates a model, throwing one error that lists every problem with its path. */
export function parseHealthModel(input: unknown): HealthModel {
  const result = healthModelSchema.safeParse(input);
  if (result.success) return result.data;
  const id = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '(unnamed)';
  throw new InvalidModelError(
    id,
    result.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`),
  );
}
