import { z } from 'zod';
import { isKnownMetric, metricCatalogue, plausibleRange } from '../../core/metrics/metric-catalogue.js';

// One zod schema per import kind. CSV cells arrive as strings: empty cells mean "not given", lists
// are separated by ';' or '|', dates are ISO (YYYY-MM-DD). The same row types carry the demo
// portfolio, so demo data and imported data take one write path.

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

const text = z.preprocess(blankToUndefined, z.string({ error: 'is required' }).min(1, 'is required'));
const optionalText = z.preprocess(blankToUndefined, z.string().optional());
const email = z.preprocess(
  (v) =>
    typeof blankToUndefined(v) === 'string' ? (blankToUndefined(v) as string).toLowerCase() : blankToUndefined(v),
  z.email({ error: 'is not a valid email address' }),
);
const optionalEmail = z.preprocess(
  (v) =>
    typeof blankToUndefined(v) === 'string' ? (blankToUndefined(v) as string).toLowerCase() : blankToUndefined(v),
  z.email({ error: 'is not a valid email address' }).optional(),
);
const list = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[;|]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : (v ?? []),
  z.array(z.string()),
);
const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'is required' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      'is not a real calendar date',
    ),
);
const optionalIsoDate = z.preprocess(blankToUndefined, isoDate.optional());
const isoTimestamp = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'is required' })
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)),
      'must be a date or ISO time like 2026-03-31T14:00:00Z',
    )
    .transform((s) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s).toISOString()),
);
/** Money stays a decimal string end to end (never a binary float). */
const money = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[,\s_]/g, '') : v),
  z
    .string({ error: 'is required' })
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be an amount like 120000 or 120000.50 (no currency sign)'),
);
const optionalMoney = z.preprocess(blankToUndefined, money.optional());
const number = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number'),
);
const optionalNumber = z.preprocess(blankToUndefined, number.optional());
const optionalInt = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).optional(),
);
const flag = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v.trim() === ''
        ? 'false'
        : v.trim().toLowerCase()
      : v === undefined
        ? 'false'
        : String(v),
  z
    .enum(['true', 'false', 'yes', 'no', '1', '0'], { error: 'must be true or false' })
    .transform((s) => s === 'true' || s === 'yes' || s === '1'),
);
const lowerEnum = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(values, { error: `must be one of ${values.join(', ')} (${what})` }),
  );

export const userRowSchema = z.object({
  external_id: optionalText,
  email,
  name: text,
  // Blank or absent: a new user is a CSM, a known one keeps their role.
  role: z.preprocess(blankToUndefined, lowerEnum(['admin', 'manager', 'csm', 'viewer'] as const, 'role').optional()),
  region: optionalText,
  slack_user_id: optionalText,
  slack_team_id: optionalText,
  teams_aad_object_id: optionalText,
  teams_tenant_id: optionalText,
  manager_email: optionalEmail,
});

const currency = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() || 'USD' : (v ?? 'USD')),
  z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code such as USD, EUR or AED'),
);

export const accountRowSchema = z.object({
  external_id: text,
  name: text,
  aliases: list,
  domains: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), list),
  segment: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), text),
  tier: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), text),
  region: optionalText,
  industry: optionalText,
  lifecycle_stage: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_')
        : v,
    text,
  ),
  owner_email: optionalEmail,
  executive_sponsor: optionalText,
  arr: money,
  mrr: optionalMoney,
  currency,
  seats_licensed: optionalInt,
  contract_start: optionalIsoDate,
  contract_end: optionalIsoDate,
  renewal_date: optionalIsoDate,
  status: z.preprocess((v) => blankToUndefined(v) ?? 'active', lowerEnum(['active', 'churned'] as const, 'status')),
});

export const contactRowSchema = z.object({
  external_id: text,
  account_external_id: text,
  name: text,
  email: optionalEmail,
  title: optionalText,
  role: optionalText,
  slack_user_id: optionalText,
  slack_team_id: optionalText,
  teams_aad_object_id: optionalText,
  teams_tenant_id: optionalText,
  survey_opt_out: flag,
});

/** Dated data before this is a typo (0026 for 2026) or a default date, not history. */
export const earliestDataDay = '2000-01-01';

export const metricRowSchema = z
  .object({
    account_external_id: text,
    key: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.string({ error: 'is required' }).refine(isKnownMetric, {
        error: (issue) =>
          `"${String(issue.input)}" is not a known metric (known: ${[...metricCatalogue.keys()].join(', ')})`,
      }),
    ),
    date: isoDate,
    value: number,
    source: z.preprocess((v) => blankToUndefined(v) ?? 'import', z.string()),
  })
  .superRefine((row, ctx) => {
    const range = plausibleRange(row.key);
    if (row.date < earliestDataDay)
      ctx.addIssue({ code: 'custom', path: ['date'], message: `must not be before ${earliestDataDay}` });
    if (range && (row.value < range[0] || row.value > range[1])) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `must be between ${range[0]} and ${range[1]} for ${row.key}`,
      });
    }
  });

export const feedbackRowSchema = z
  .object({
    external_id: optionalText,
    account_external_id: text,
    contact_external_id: optionalText,
    channel: z.preprocess((v) => blankToUndefined(v) ?? 'import', z.string()),
    kind: z.preprocess((v) => blankToUndefined(v) ?? 'free_text', lowerEnum(['survey', 'free_text'] as const, 'kind')),
    survey_type: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.string().optional(),
    ),
    score: optionalNumber,
    text: optionalText,
    received_at: isoTimestamp,
  })
  .superRefine((row, ctx) => {
    if (row.kind === 'survey' && !row.survey_type) {
      ctx.addIssue({
        code: 'custom',
        path: ['survey_type'],
        message: 'is required for survey feedback (nps, csat or ces)',
      });
    }
    if (row.kind === 'survey' && row.score === undefined) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'is required for survey feedback' });
    }
    if (row.kind === 'free_text' && !row.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required for free-text feedback' });
    }
    const scales: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
    const scale = row.survey_type ? scales[row.survey_type] : undefined;
    if (scale && row.score !== undefined && (row.score < scale[0] || row.score > scale[1])) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `must be between ${scale[0]} and ${scale[1]} for ${row.survey_type}`,
      });
    }
  });

export type UserRow = z.infer<typeof userRowSchema>;
export type AccountRow = z.infer<typeof accountRowSchema>;
export type ContactRow = z.infer<typeof contactRowSchema>;
export type MetricRow = z.infer<typeof metricRowSchema>;
export type FeedbackRow = z.infer<typeof feedbackRowSchema>;

export const outcomeRowSchema = z.object({
  external_id: text,
  account_external_id: text,
  kind: lowerEnum(['renewed', 'expanded', 'contracted', 'churned'] as const, 'kind'),
  occurred_on: isoDate,
  arr_before: optionalMoney,
  arr_after: optionalMoney,
  currency,
});

export type OutcomeRow = z.infer<typeof outcomeRowSchema>;

export const importKinds = ['accounts', 'contacts', 'users', 'metrics', 'feedback', 'outcomes'] as const;
export type ImportKind = (typeof importKinds)[number];

export const rowSchemas = {
  users: userRowSchema,
  accounts: accountRowSchema,
  contacts: contactRowSchema,
  metrics: metricRowSchema,
  feedback: feedbackRowSchema,
  outcomes: outcomeRowSchema,
} as const;
