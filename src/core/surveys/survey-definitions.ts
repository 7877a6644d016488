import { z } from 'zod';

// Surveys as data: the question, its scale, the follow-up, and how often each tier is asked.

export const surveyDefinitionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case'),
  /** nps, csat and ces feed their metrics; custom surveys are stored as feedback only. */
  kind: z.enum(['nps', 'csat', 'ces', 'custom']),
  question: z.string().min(1),
  scale: z
    .object({ min: z.number().int(), max: z.number().int(), lowLabel: z.string(), highLabel: z.string() })
    .refine((s) => s.max > s.min && s.max - s.min <= 10, 'a scale has 2 to 11 points'),
  followUp: z.string().min(1).optional(),
  /** Days between surveys of an account's contacts, per tier ("*" for any other tier); absent: on demand only. */
  cadenceDays: z.record(z.string(), z.number().int().min(7)).optional(),
});
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

export const defaultSurveys: SurveyDefinition[] = [
  {
    key: 'nps',
    kind: 'nps',
    question: 'How likely are you to recommend us to a friend or colleague?',
    scale: { min: 0, max: 10, lowLabel: 'Not at all likely', highLabel: 'Extremely likely' },
    followUp: 'What is the main reason for your score?',
    cadenceDays: { enterprise: 90, strategic: 90, '*': 180 },
  },
  {
    key: 'csat',
    kind: 'csat',
    question: 'How satisfied are you with our service so far?',
    scale: { min: 1, max: 5, lowLabel: 'Very dissatisfied', highLabel: 'Very satisfied' },
    followUp: 'What could we do better?',
  },
  {
    key: 'ces',
    kind: 'ces',
    question: 'How easy was it to get what you needed from us?',
    scale: { min: 1, max: 7, lowLabel: 'Very difficult', highLabel: 'Very easy' },
    followUp: 'What made it easy or hard?',
  },
];

/** An answer that calls for the account owner's attention: an NPS detractor, or CSAT of 2 or less. */
export function isAlarmingAnswer(kind: SurveyDefinition['kind'], score: number): boolean {
  return (kind === 'nps' && score <= 6) || (kind === 'csat' && score <= 2) || (kind === 'ces' && score <= 2);
}

/** Whether a contact may be asked now: not opted out and not surveyed within `minDays`. */
export function mayBeSurveyed(
  contact: { optedOut: boolean; lastSurveyedAt: Date | null },
  now: Date,
  minDays: number,
): { ok: true } | { ok: false; reason: string } {
  if (contact.optedOut) return { ok: false, reason: 'opted out of surveys' };
  if (contact.lastSurveyedAt && now.getTime() - contact.lastSurveyedAt.getTime() < minDays * 86_400_000) {
    const next = new Date(contact.lastSurveyedAt.getTime() + minDays * 86_400_000);
    return {
      ok: false,
      reason: `surveyed on ${contact.lastSurveyedAt.toISOString().slice(0, 10)}; next possible on ${next.toISOString().slice(0, 10)}`,
    };
  }
  return { ok: true };
}
