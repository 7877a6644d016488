import { z } from 'zod';

// Every setting Tend reads, with its default. `.env.example` documents each one; a test keeps
// the two in step.

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const slackChannelId = z
  .string()
  .regex(/^[CG][A-Z0-9]{2,}$/, {
    message:
      'must be a Slack channel id such as C0123ABCD (in Slack: the channel name > About > Channel ID), not its name',
  })
  .optional();

/** A comma-separated list, blanks dropped: "a, b,,c" -> ["a", "b", "c"]. */
const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_PRETTY: booleanFlag.default(false),
  TZ_SCHEDULE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC'),

  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// (Tend runs on PostgreSQL 14 or later)')
      .optional(),
  ),
  DATABASE_POOL_MAX: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(10),
  TEND_DATA_DIR: z.string().min(1).default('./.tend/db'),
  TEND_MIGRATE_ON_START: booleanFlag.default(true),
  TEND_SEED_DEMO_ON_FIRST_START: booleanFlag.default(true),
  TEND_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),

  TEND_DEFAULT_ROLE: z.enum(['viewer', 'csm', 'none'], { error: 'must be viewer, csm or none' }).default('viewer'),

  TEND_LLM_PROVIDER: z
    .enum(['offline', 'openai', 'azure'], { error: 'must be offline, openai or azure' })
    .default('offline'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url({ error: 'must be a URL such as http://localhost:11434/v1' }).optional()),
  OPENAI_MODEL: optionalText,
  AZURE_OPENAI_ENDPOINT: optionalText.pipe(
    z.url({ error: 'must be a URL such as https://<resource>.openai.azure.com/' }).optional(),
  ),
  AZURE_OPENAI_API_KEY: optionalText,
  AZURE_OPENAI_DEPLOYMENT: optionalText,
  AZURE_OPENAI_API_VERSION: z.string().min(1).default('2024-10-21'),
  TEND_LLM_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(1000).max(600_000).default(20_000),
  TEND_LLM_MAX_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(2),
  TEND_LLM_REDACT_PII: booleanFlag.default(true),
  TEND_LLM_USD_PER_MILLION_INPUT_TOKENS: z.coerce.number({ error: 'must be a number' }).min(0).default(0),
  TEND_LLM_USD_PER_MILLION_OUTPUT_TOKENS: z.coerce.number({ error: 'must be a number' }).min(0).default(0),

  TEND_JOBS_ENABLED: booleanFlag.default(true),
  TEND_LIVE_POLL_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(60_000).default(1_000),
  TEND_LIVE_DEBOUNCE_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(60_000).default(1_000),
  // An id, not a name: Tend checks by id, before every post, that the channel is not shared outside.
  TEND_ALERT_SLACK_CHANNEL: optionalText.pipe(slackChannelId),
  TEND_DIGEST_SLACK_CHANNEL: optionalText.pipe(slackChannelId),
  TEND_ALERT_QUIET_HOURS: optionalText.pipe(
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 20:00-08:00 (local time, 24 h)')
      .optional(),
  ),
  TEND_ATTENTION_WEEKLY_BUDGET: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(8),
  TEND_ALERT_DAILY_CAP: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).default(10),
  TEND_ALERT_COOLDOWN_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .min(0)
    .max(24 * 90)
    .default(72),
  TEND_ALERT_DROP_POINTS: z.coerce.number({ error: 'must be a number' }).min(1).max(100).default(15),
  TEND_ALERT_DROP_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(90).default(7),
  TEND_ALERT_ESCALATE_AFTER_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .min(1)
    .max(24 * 30)
    .default(24),
  TEND_ALERT_ACTION_WINDOW_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .min(1)
    .max(24 * 30)
    .default(48),

  TEND_SURVEY_MIN_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(365).default(30),
  TEND_SURVEY_EXPIRY_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(60).default(7),

  TEND_INGEST_RATE_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(600),
  TEND_INGEST_MAX_BODY_MB: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(20),

  TEAMS_APP_ID: optionalText,
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('SingleTenant'),
  TEAMS_TENANT_ID: optionalText,
  TEAMS_ALLOWED_TENANT_IDS: commaList,
  TEAMS_ALLOW_UNAUTHENTICATED: booleanFlag.default(false),
  TEND_PUBLIC_URL: optionalText.pipe(z.url({ error: 'must be a URL such as https://tend.example.com' }).optional()),
  TEND_MCP_ALLOWED_ORIGINS: commaList,
  TEND_MCP_OIDC_ISSUER: optionalText.pipe(
    z.url({ error: 'must be the issuer URL of your identity provider' }).optional(),
  ),
  TEND_MCP_OIDC_AUDIENCE: optionalText,
  TEND_MCP_RATE_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(120),

  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must be a bot token (xoxb-...)').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)').optional(),
  ),
  SLACK_API_URL: optionalText.pipe(z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional()),
  SLACK_API_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(3),
  SLACK_COMMAND: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/, 'must be a slash command such as /tend')
    .default('/tend'),

  // Connectors: each runs when its credentials are set. *_API_BASE exists for tests and proxies.
  SALESFORCE_LOGIN_URL: optionalText.pipe(
    z.url({ error: 'must be a URL such as https://login.salesforce.com' }).optional(),
  ),
  SALESFORCE_CLIENT_ID: optionalText,
  SALESFORCE_CLIENT_SECRET: optionalText,
  SALESFORCE_INSTANCE_URL: optionalText.pipe(
    z.url({ error: 'must be a URL such as https://acme.my.salesforce.com' }).optional(),
  ),
  SALESFORCE_ACCESS_TOKEN: optionalText,
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d+\.\d$/, 'must be a version such as 62.0')
    .default('62.0'),
  TEND_CRM_TASKS: optionalText.pipe(
    z.enum(['hubspot', 'salesforce', 'off'], { error: 'must be hubspot, salesforce or off' }).optional(),
  ),
  HUBSPOT_ACCESS_TOKEN: optionalText,
  HUBSPOT_CLIENT_SECRET: optionalText,
  HUBSPOT_API_BASE: optionalText.pipe(z.url({ error: 'must be a URL such as https://api.hubapi.com' }).optional()),
  ZENDESK_SUBDOMAIN: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be the subdomain, e.g. acme for acme.zendesk.com')
      .optional(),
  ),
  ZENDESK_EMAIL: optionalText,
  ZENDESK_API_TOKEN: optionalText,
  ZENDESK_API_BASE: optionalText.pipe(
    z.url({ error: 'must be a URL such as https://acme.zendesk.com/api/v2' }).optional(),
  ),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_BASE: optionalText.pipe(z.url({ error: 'must be a URL such as https://api.stripe.com' }).optional()),
});

export type Env = z.infer<typeof envSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
