import { z } from 'zod';
import { healthModelSchema } from '../scoring/health-model-schema.js';
import { triggerRuleSchema } from '../signals/trigger-schema.js';
import {
  cadenceSchema,
  escalationPathSchema,
  lifecycleSchema,
  renewalMilestoneSchema,
} from '../lifecycle/lifecycle-schema.js';

/**
 * A framework preset: one reference document's health model, triggers, lifecycle, cadences,
 * renewal milestones and escalation paths, as data. Sections a document does not define are left
 * out; the workspace then uses another preset's (docs/health-models.md documents the defaults).
 */
export const presetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    source: z.string(),
    /** Absent for frameworks without a health score (BY MB). */
    model: healthModelSchema.optional(),
    triggers: z.array(triggerRuleSchema).default([]),
    lifecycle: lifecycleSchema.optional(),
    cadence: cadenceSchema.optional(),
    renewalMilestones: z.array(renewalMilestoneSchema).optional(),
    escalationPaths: z.array(escalationPathSchema).optional(),
  })
  .superRefine((preset, ctx) => {
    const dims = new Set((preset.model?.dimensions ?? []).map((d) => d.key));
    preset.triggers.forEach((t, i) => {
      const conditions = t.condition.kind === 'all' ? t.condition.conditions : [t.condition];
      for (const c of conditions) {
        if (c.kind === 'dimension_trend' && !dims.has(c.dimension)) {
          ctx.addIssue({
            code: 'custom',
            path: ['triggers', i, 'condition'],
            message: `unknown dimension "${c.dimension}"`,
          });
        }
      }
      const paths = new Set((preset.escalationPaths ?? []).map((p) => p.key));
      if (t.escalationPath && !paths.has(t.escalationPath)) {
        ctx.addIssue({
          code: 'custom',
          path: ['triggers', i, 'escalationPath'],
          message: `unknown escalation path "${t.escalationPath}"`,
        });
      }
    });
    if (preset.model && preset.model.id !== preset.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'id'],
        message: `model id "${preset.model.id}" differs from preset id "${preset.id}"`,
      });
    }
    if (preset.lifecycle) {
      const stages = new Set(preset.lifecycle.stages.map((s) => s.key));
      preset.lifecycle.entryRules.forEach((r, i) => {
        if (!stages.has(r.stage))
          ctx.addIssue({
            code: 'custom',
            path: ['lifecycle', 'entryRules', i, 'stage'],
            message: `unknown stage "${r.stage}"`,
          });
      });
    }
  });

export type Preset = z.output<typeof presetSchema>;
