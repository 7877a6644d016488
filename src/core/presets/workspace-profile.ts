import { z } from 'zod';

/**
 * Which presets a workspace runs: the health model (with overrides per tier and segment), the
 * triggers, and where lifecycle stages, cadences, renewal milestones and escalation paths come from.
 * Stored as data (a setting), so changing it needs no deploy.
 */
export const workspaceProfileSchema = z.object({
  model: z.string().default('bis-table'),
  modelByTier: z.record(z.string(), z.string()).default({}),
  modelBySegment: z.record(z.string(), z.string()).default({}),
  triggers: z.array(z.string()).default(['mapleai', 'miyar']),
  lifecycle: z.string().default('omnigaze'),
  cadence: z.string().default('bymb'),
  renewals: z.string().default('omnigaze'),
  escalation: z.string().default('bymb'),
});

export type WorkspaceProfile = z.output<typeof workspaceProfileSchema>;

export const defaultWorkspaceProfile: WorkspaceProfile = workspaceProfileSchema.parse({});

/** The model for an account: its own override, then its tier's, then its segment's, then the workspace's. */
export function modelIdFor(
  profile: WorkspaceProfile,
  account: { healthModelId?: string | null; tier: string; segment: string },
): { modelId: string; reason: string } {
  if (account.healthModelId) return { modelId: account.healthModelId, reason: 'set on the account' };
  const byTier = profile.modelByTier[account.tier];
  if (byTier) return { modelId: byTier, reason: `the model for ${account.tier} tier` };
  const bySegment = profile.modelBySegment[account.segment];
  if (bySegment) return { modelId: bySegment, reason: `the model for the ${account.segment} segment` };
  return { modelId: profile.model, reason: 'the workspace model' };
}
