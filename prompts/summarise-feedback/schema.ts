import { z } from 'zod';

/** What the model returns for summarise-feedback; figures in it are checked against the facts. */
export const feedbackWordingSchema = z.object({
  overview: z.string().min(1).max(1200),
  highlights: z.array(z.string().min(1).max(400)).max(5),
});
export type FeedbackWording = z.infer<typeof feedbackWordingSchema>;
