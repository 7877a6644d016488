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
  /** Answers at or below this alert the account owner (defaults: NPS 6, CSAT 2, CES 2; custom: never). */
  alertAtOrBelow: z.number().int().optional(),
  /** Days between surveys of an account's contacts, per tier ("*" for any other tier); absent: on demand only. */
  cadenceDays: z.record(z.string(), z.number().int().min(7)).optional(),
  /**
   * Asked after an event instead of (or as well as) on a cadence: an activity of this kind whose
   * title mentions one of the words (any, when none), at most `withinDays` ago, with no survey of
   * this key sent to the account since.
   */
  after: z
    .object({
      activityKind: z.string().min(1).default('milestone'),
      titleIncludes: z.array(z.string().min(1)).default([]),
      withinDays: z.number().int().min(1).max(90).default(14),
    })
    .optional(),
});
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** The workspace's surveys: its own definitions replace the defaults of the same key and add new ones. */
export const surveyCatalogueSchema = z.array(surveyDefinitionSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((d, i) => {
    if (seen.has(d.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `"${d.key}" is defined twice` });
    seen.add(d.key);
  });
});

export function mergeSurveys(
  defaults: readonly SurveyDefinition[],
  custom: readonly SurveyDefinition[],
): SurveyDefinition[] {
  const byKey = new Map(defaults.map((d) => [d.key, d]));
  for (const d of custom) byKey.set(d.key, d);
  return [...byKey.values()];
}

/** Whether an activity (a milestone reached) calls for this survey now. */
export function triggeredBy(
  definition: SurveyDefinition,
  activity: { kind: string; title: string; occurredAt: Date },
  now: Date,
): boolean {
  const after = definition.after;
  if (!after || activity.kind !== after.activityKind) return false;
  const age = now.getTime() - activity.occurredAt.getTime();
  if (age < 0 || age > after.withinDays * 86_400_000) return false;
  const title = activity.title.toLowerCase();
  return after.titleIncludes.length === 0 || after.titleIncludes.some((w) => title.includes(w.toLowerCase()));
}

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
    // BIS onboarding checklists end in a milestone; asking then catches a rough start early.
    after: { activityKind: 'milestone', titleIncludes: ['onboard', 'go-live', 'go live'], withinDays: 14 },
  },
  {
    key: 'ces',
    kind: 'ces',
    question: 'How easy was it to get what you needed from us?',
    scale: { min: 1, max: 7, lowLabel: 'Very difficult', highLabel: 'Very easy' },
    followUp: 'What made it easy or hard?',
  },
];

const defaultAlertAtOrBelow: Record<SurveyDefinition['kind'], number | undefined> = {
  nps: 6,
  csat: 2,
  ces: 2,
  custom: undefined,
};

/** An answer that calls for the account owner's attention: an NPS detractor, or CSAT of 2 or less. */
export function isAlarmingAnswer(
  definition: Pick<SurveyDefinition, 'kind' | 'alertAtOrBelow'>,
  score: number,
): boolean {
  const threshold = definition.alertAtOrBelow ?? defaultAlertAtOrBelow[definition.kind];
  return threshold !== undefined && score <= threshold;
}

/** The survey of that key, or an error listing the keys there are. */
export function findSurvey(
  catalogue: readonly SurveyDefinition[],
  key: string,
): { ok: true; definition: SurveyDefinition } | { ok: false; message: string } {
  const definition = catalogue.find((s) => s.key === key.toLowerCase());
  return definition
    ? { ok: true, definition }
    : { ok: false, message: `No survey "${key}"; surveys: ${catalogue.map((s) => s.key).join(', ')}.` };
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
