import { z } from 'zod';
import { isKnownMetric } from '../metrics/metric-catalogue.js';
import { isoDay } from '../lifecycle/calendar.js';
import type { Observation } from './resolve-inputs.js';

// One account described in JSON, for `tend score --input`: either document 004's calculator shape
// ({ usage: { daily_active_users_percentage, ... }, ... }) or Tend's own
// ({ metrics: { dau_pct: 72 } } or { observations: [{ metric, date, value }] }).

const num = z.number({ error: 'must be a number' });

const bisShape = z
  .object({
    usage: z
      .object({ daily_active_users_percentage: num, feature_adoption_rate: num, login_frequency_weekly: num })
      .partial()
      .strict(),
    satisfaction: z.object({ nps: num, support_satisfaction: num, product_satisfaction: num }).partial().strict(),
    business_value: z
      .object({ xla_achievement_percentage: num, roi_realization_percentage: num, efficiency_gain_percentage: num })
      .partial()
      .strict(),
    relationship: z
      .object({ meetings_per_quarter: num, stakeholder_engagement: num, advocacy_score: num })
      .partial()
      .strict(),
    support: z
      .object({ tickets_per_user_monthly: num, avg_resolution_hours: num, escalation_rate_percentage: num })
      .partial()
      .strict(),
    usage_history: z.array(num),
  })
  .partial()
  .strict();

/** Document 004's field names -> Tend's metric keys. */
const bisFields: Record<string, Record<string, string>> = {
  usage: {
    daily_active_users_percentage: 'dau_pct',
    feature_adoption_rate: 'feature_adoption_pct',
    login_frequency_weekly: 'logins_per_user_weekly',
  },
  satisfaction: {
    nps: 'nps',
    support_satisfaction: 'support_satisfaction_pct',
    product_satisfaction: 'product_satisfaction_pct',
  },
  business_value: {
    xla_achievement_percentage: 'xla_achievement_pct',
    roi_realization_percentage: 'roi_realization_pct',
    efficiency_gain_percentage: 'efficiency_gain_pct',
  },
  relationship: {
    meetings_per_quarter: 'meetings',
    stakeholder_engagement: 'stakeholder_engagement_pct',
    advocacy_score: 'advocacy_pct',
  },
  support: {
    tickets_per_user_monthly: 'tickets_per_user_monthly',
    avg_resolution_hours: 'avg_resolution_hours',
    escalation_rate_percentage: 'escalation_rate_pct',
  },
};

const metricKey = z.string().refine(isKnownMetric, { error: (i) => `unknown metric "${String(i.input)}"` });
const tendShape = z
  .object({
    metrics: z.record(metricKey, num).optional(),
    observations: z
      .array(
        z.object({
          metric: metricKey,
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
          value: num,
        }),
      )
      .optional(),
    usage_history: z.array(num).optional(),
  })
  .strict();

export interface AccountInput {
  observations: Observation[];
  /** Periodic usage values, oldest first, for the BIS trend rule. */
  usageHistory?: number[];
}

export class InvalidAccountInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`The account input is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidAccountInputError';
  }
}

/** Parses an account's JSON; metrics given without a date are dated `now`. */
export function parseAccountInput(json: unknown, now: Date): AccountInput {
  const today = isoDay(now);
  const isTendShape = typeof json === 'object' && json !== null && ('metrics' in json || 'observations' in json);
  if (isTendShape) {
    const parsed = tendShape.safeParse(json);
    if (!parsed.success) throw new InvalidAccountInputError(parsed.error.issues.map(describe));
    const observations: Observation[] = [
      ...Object.entries(parsed.data.metrics ?? {}).map(([metric, value]) => ({ metric, date: today, value })),
      ...(parsed.data.observations ?? []),
    ];
    return { observations, ...(parsed.data.usage_history ? { usageHistory: parsed.data.usage_history } : {}) };
  }
  const parsed = bisShape.safeParse(json);
  if (!parsed.success) throw new InvalidAccountInputError(parsed.error.issues.map(describe));
  const observations: Observation[] = [];
  for (const [group, fields] of Object.entries(bisFields)) {
    const values = (parsed.data as Record<string, Record<string, number> | undefined>)[group] ?? {};
    for (const [field, metric] of Object.entries(fields)) {
      if (values[field] !== undefined) observations.push({ metric, date: today, value: values[field] });
    }
  }
  return { observations, ...(parsed.data.usage_history ? { usageHistory: parsed.data.usage_history } : {}) };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  }
  return `${issue.path.join('.') || '(input)'}: ${issue.message}`;
}
