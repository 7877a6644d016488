import { z } from 'zod';

const section = z.string().min(1).max(2000);

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
