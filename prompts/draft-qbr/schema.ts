import { z } from 'zod';

/** One section's prose and the ids of the facts it states: each figure is checked against those. */
const section = z.object({
  text: z.string().min(1).max(2000),
  facts: z.array(z.string().max(120)).max(40),
});

/** The prose of each QBR section, as the model returns it; tables come from the facts. */
export const qbrNarrativeSchema = z.object({
  executiveSummary: section,
  healthAndTrend: section,
  valueDelivered: section,
  adoption: section,
  support: section,
  voiceOfCustomer: section,
  risks: section,
  recommendations: section,
  nextQuarterGoals: section,
});
export type QbrNarrative = z.infer<typeof qbrNarrativeSchema>;
export type QbrSection = z.infer<typeof section>;
export const qbrSectionKeys = Object.keys(qbrNarrativeSchema.shape) as (keyof QbrNarrative)[];
