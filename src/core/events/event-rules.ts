import { z } from 'zod';
import { isKnownMetric } from '../metrics/metric-catalogue.js';

// How product events become metrics, as data: each rule names a metric, what it measures over a
// rolling window of events, and which events count. Kept per source (`tend sources mapping`).

export const eventMeasures = [
  /** Distinct users with any counted event in the window. */
  'active_users',
  /** Active users as % of the account's licensed seats (no value without seats). */
  'active_users_pct_of_seats',
  /** Counted events in the window. */
  'event_count',
  /** Counted events per active user in the window. */
  'events_per_active_user',
  /** Share of the rule's events (the key features) used at least once in the window, in %. */
  'distinct_events_pct',
] as const;
export type EventMeasure = (typeof eventMeasures)[number];

export const eventRuleSchema = z
  .object({
    metric: z.string().refine(isKnownMetric, { error: (i) => `"${String(i.input)}" is not a known metric` }),
    measure: z.enum(eventMeasures),
    windowDays: z.number().int().min(1).max(90),
    /** Event names that count; empty or absent: every `track`, `page` and `screen` event. */
    events: z.array(z.string().min(1)).optional(),
  })
  .refine((r) => r.measure !== 'distinct_events_pct' || (r.events?.length ?? 0) > 0, {
    error: 'distinct_events_pct needs the list of key feature events',
    path: ['events'],
  });
export type EventRule = z.infer<typeof eventRuleSchema>;

export const eventRulesSchema = z.object({ rules: z.array(eventRuleSchema).max(50) });
export type EventRules = z.infer<typeof eventRulesSchema>;

/** What a Segment source starts with: daily and weekly activity from every event. */
export const defaultEventRules: EventRules = {
  rules: [
    { metric: 'dau_pct', measure: 'active_users_pct_of_seats', windowDays: 1 },
    { metric: 'seats_active', measure: 'active_users', windowDays: 7 },
    {
      metric: 'logins_per_user_weekly',
      measure: 'events_per_active_user',
      windowDays: 7,
      events: ['Signed In', 'Logged In', 'Login'],
    },
  ],
};
