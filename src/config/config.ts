import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { z } from 'zod';
import { envSchema, type Env } from './env-schema.js';

/** Tend's validated configuration, read once at start and passed down. */
export interface Config {
  env: Env['NODE_ENV'];
  server: { port: number; host: string; shutdownTimeoutMs: number };
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  scheduleTimeZone: string;
  database: {
    /** Undefined means the embedded PGlite database in `dataDir`. */
    url?: string;
    poolMax: number;
    dataDir: string;
    migrateOnStart: boolean;
    seedDemoOnFirstStart: boolean;
  };
  /** Role of chat users who are members of the workspace but not Tend users; `none` shuts them out. */
  defaultRole: 'viewer' | 'csm' | 'none';
  llm: LlmConfig;
  /** Scheduled jobs, and the live queue of changed accounts: how often it is read, and how long a burst of data is let settle. */
  jobs: { enabled: boolean; livePollMs: number; liveDebounceMs: number };
  /** The ingest API: requests per API key per minute, and the largest request body. */
  ingest: { ratePerMinute: number; maxBodyMb: number };
  /**
   * The MCP endpoint (/mcp): the URL people reach Tend at (the resource AI assistants name), the
   * browser origins allowed to call it, the identity provider whose access tokens it accepts, and
   * calls per token per minute.
   */
  mcp: {
    publicUrl?: string;
    allowedOrigins: string[];
    /** The audience is from configuration only, never a request's Host (a token for another service would pass). */
    oidc?: { issuer: string; audience: string };
    ratePerMinute: number;
  };
  surveys: SurveyPolicy;
  alerts: AlertConfig;
  /** Present when Teams is configured (app id and password, or explicitly unauthenticated for local tests). */
  teams?: TeamsConfig;
  /** Present when Slack is configured (bot token and signing secret, or bot and app tokens). */
  slack?: SlackConfig;
  /** Vendor connectors whose credentials are set. */
  connectors: ConnectorsConfig;
}

export interface ConnectorsConfig {
  /** A connected app's client credentials (preferred), or an access token for a quick try. */
  salesforce?: {
    loginUrl: string;
    clientId?: string;
    clientSecret?: string;
    instanceUrl?: string;
    accessToken?: string;
    apiVersion: string;
  };
  /** A private app's access token; the client secret checks webhook signatures. */
  hubspot?: { accessToken: string; clientSecret?: string; apiBase?: string };
  /** A restricted key (read customers, subscriptions); the webhook secret checks signatures. */
  stripe?: { secretKey: string; webhookSecret?: string; apiBase?: string };
  /** An agent's email with an API token. */
  zendesk?: { subdomain: string; email: string; apiToken: string; apiBase?: string };
  /** The CRM that play steps write tasks to (crm_task steps), when one is configured and chosen. */
  crmTasks?: 'hubspot' | 'salesforce';
}

export interface SurveyPolicy {
  /** A contact is not surveyed more than once in this many days. */
  minDaysBetween: number;
  /** An unanswered survey expires (and its answer can no longer change) after this many days. */
  expiryDays: number;
}

export interface AlertConfig {
  /** Slack channel id every alert also goes to (besides the account owner's DM). */
  slackChannel?: string;
  /** Slack channel id for the weekly portfolio digest. */
  digestSlackChannel?: string;
  quietHours?: { start: string; end: string };
  /**
   * Proactive messages a person gets in any 7 days (alerts, reminders, digests, summaries); what
   * does not fit waits for their daily digest. Counted in the database, so it holds across replicas.
   */
  weeklyBudget: number;
  /** Messages per destination per local day; beyond it, alerts roll up into one message. */
  dailyCap: number;
  /** After an alert resolves, the same account and kind are not alerted again for this long. */
  cooldownHours: number;
  dropPoints: number;
  dropDays: number;
  /** An unclaimed critical alert escalates after this long. */
  escalateAfterHours: number;
  /** Acknowledged or claimed within this long counts as acted on (alert-to-action rate). */
  actionWindowHours: number;
}

/** Where LLM wording comes from; `offline` sends nothing anywhere. */
export type LlmConfig =
  | { provider: 'offline' }
  | ({ provider: 'openai'; apiKey: string; baseUrl?: string; model?: string } & LlmCallSettings)
  | ({
      provider: 'azure';
      endpoint: string;
      apiKey: string;
      deployment: string;
      apiVersion: string;
    } & LlmCallSettings);

export interface LlmCallSettings {
  timeoutMs: number;
  maxRetries: number;
  redactPii: boolean;
  usdPerMillionTokens: { input: number; output: number };
}

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Your Microsoft 365 tenant: people from other tenants get no account data. */
  tenantId?: string;
  /**
   * The tenants whose members may get account data: TEAMS_TENANT_ID and TEAMS_ALLOWED_TENANT_IDS.
   * Empty only without an app id (the Agents Playground).
   */
  allowedTenantIds: string[];
  /** Accept requests without a Bot Framework token (local testing, Agents Playground only). */
  allowUnauthenticated: boolean;
}

export interface SlackConfig {
  botToken: string;
  /** Verifies HTTP requests; not needed in Socket Mode. */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Web API base URL, for a proxy or a local fake. */
  apiUrl?: string;
  /** Retries of a failed Web API call (Slack's Retry-After is honoured); answers wait for them. */
  apiRetries: number;
  command: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Tend's configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nFix them in the environment or in .env (see .env.example for every setting).',
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment, with a `.env` file (if present) filling what the environment does not set,
 * and reports every invalid variable at once.
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  options: { cwd?: string; envFile?: string | false } = {},
): Config {
  const cwd = options.cwd ?? process.cwd();
  const fromFile = options.envFile === false ? {} : readEnvFile(resolve(cwd, options.envFile ?? '.env'));
  const merged: Record<string, string | undefined> = { ...fromFile, ...environment };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, merged));
  const e = parsed.data;
  const problems = [...checkSlack(e), ...checkLlm(e), ...checkTeams(e), ...checkCrmTasks(e), ...checkMcp(e)];
  if (problems.length) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    server: { port: e.PORT, host: e.HOST, shutdownTimeoutMs: e.TEND_SHUTDOWN_TIMEOUT_MS },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    scheduleTimeZone: e.TZ_SCHEDULE,
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      dataDir: resolve(cwd, e.TEND_DATA_DIR),
      migrateOnStart: e.TEND_MIGRATE_ON_START,
      seedDemoOnFirstStart: e.TEND_SEED_DEMO_ON_FIRST_START,
    },
    defaultRole: e.TEND_DEFAULT_ROLE,
    llm: llmConfig(e),
    jobs: { enabled: e.TEND_JOBS_ENABLED, livePollMs: e.TEND_LIVE_POLL_MS, liveDebounceMs: e.TEND_LIVE_DEBOUNCE_MS },
    ingest: { ratePerMinute: e.TEND_INGEST_RATE_PER_MINUTE, maxBodyMb: e.TEND_INGEST_MAX_BODY_MB },
    mcp: {
      ...(e.TEND_PUBLIC_URL ? { publicUrl: e.TEND_PUBLIC_URL.replace(/\/+$/, '') } : {}),
      allowedOrigins: e.TEND_MCP_ALLOWED_ORIGINS,
      ...(e.TEND_MCP_OIDC_ISSUER
        ? {
            oidc: {
              issuer: e.TEND_MCP_OIDC_ISSUER,
              audience: mcpAudience(e)!,
            },
          }
        : {}),
      ratePerMinute: e.TEND_MCP_RATE_PER_MINUTE,
    },
    surveys: { minDaysBetween: e.TEND_SURVEY_MIN_DAYS, expiryDays: e.TEND_SURVEY_EXPIRY_DAYS },
    alerts: {
      ...(e.TEND_ALERT_SLACK_CHANNEL ? { slackChannel: e.TEND_ALERT_SLACK_CHANNEL } : {}),
      ...(e.TEND_DIGEST_SLACK_CHANNEL ? { digestSlackChannel: e.TEND_DIGEST_SLACK_CHANNEL } : {}),
      ...(e.TEND_ALERT_QUIET_HOURS
        ? { quietHours: { start: e.TEND_ALERT_QUIET_HOURS.slice(0, 5), end: e.TEND_ALERT_QUIET_HOURS.slice(6) } }
        : {}),
      weeklyBudget: e.TEND_ATTENTION_WEEKLY_BUDGET,
      dailyCap: e.TEND_ALERT_DAILY_CAP,
      cooldownHours: e.TEND_ALERT_COOLDOWN_HOURS,
      dropPoints: e.TEND_ALERT_DROP_POINTS,
      dropDays: e.TEND_ALERT_DROP_DAYS,
      escalateAfterHours: e.TEND_ALERT_ESCALATE_AFTER_HOURS,
      actionWindowHours: e.TEND_ALERT_ACTION_WINDOW_HOURS,
    },
    ...(e.TEAMS_APP_ID || e.TEAMS_ALLOW_UNAUTHENTICATED
      ? {
          teams: {
            ...(e.TEAMS_APP_ID ? { appId: e.TEAMS_APP_ID } : {}),
            ...(e.TEAMS_APP_PASSWORD ? { appPassword: e.TEAMS_APP_PASSWORD } : {}),
            appType: e.TEAMS_APP_TYPE,
            ...(e.TEAMS_TENANT_ID ? { tenantId: e.TEAMS_TENANT_ID } : {}),
            allowedTenantIds: [
              ...new Set([...(e.TEAMS_TENANT_ID ? [e.TEAMS_TENANT_ID] : []), ...e.TEAMS_ALLOWED_TENANT_IDS]),
            ],
            allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED && !e.TEAMS_APP_ID,
          },
        }
      : {}),
    connectors: connectorsConfig(e),
    ...(e.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            command: e.SLACK_COMMAND,
            apiRetries: e.SLACK_API_RETRIES,
            ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
          },
        }
      : {}),
  };
}

const hasSalesforce = (e: Env) =>
  Boolean(
    (e.SALESFORCE_CLIENT_ID && e.SALESFORCE_CLIENT_SECRET) || (e.SALESFORCE_INSTANCE_URL && e.SALESFORCE_ACCESS_TOKEN),
  );

/** Play tasks go to the CRM named, else to the only CRM configured; with both, nobody guesses. */
function crmTasksOf(e: Env): ConnectorsConfig['crmTasks'] {
  if (e.TEND_CRM_TASKS === 'off') return undefined;
  if (e.TEND_CRM_TASKS) return e.TEND_CRM_TASKS;
  const hubspot = Boolean(e.HUBSPOT_ACCESS_TOKEN);
  return hasSalesforce(e) && !hubspot ? 'salesforce' : hubspot && !hasSalesforce(e) ? 'hubspot' : undefined;
}

function checkCrmTasks(e: Env): string[] {
  if (e.TEND_CRM_TASKS === 'hubspot' && !e.HUBSPOT_ACCESS_TOKEN)
    return ['TEND_CRM_TASKS is hubspot but HUBSPOT_ACCESS_TOKEN is not set: set it, or TEND_CRM_TASKS=off'];
  if (e.TEND_CRM_TASKS === 'salesforce' && !hasSalesforce(e))
    return [
      'TEND_CRM_TASKS is salesforce but Salesforce is not configured (SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET): set them, or TEND_CRM_TASKS=off',
    ];
  return [];
}

function connectorsConfig(e: Env): ConnectorsConfig {
  const salesforce = hasSalesforce(e);
  const crmTasks = crmTasksOf(e);
  return {
    ...(crmTasks ? { crmTasks } : {}),
    ...(salesforce
      ? {
          salesforce: {
            loginUrl: e.SALESFORCE_LOGIN_URL ?? 'https://login.salesforce.com',
            ...(e.SALESFORCE_CLIENT_ID ? { clientId: e.SALESFORCE_CLIENT_ID } : {}),
            ...(e.SALESFORCE_CLIENT_SECRET ? { clientSecret: e.SALESFORCE_CLIENT_SECRET } : {}),
            ...(e.SALESFORCE_INSTANCE_URL ? { instanceUrl: e.SALESFORCE_INSTANCE_URL } : {}),
            ...(e.SALESFORCE_ACCESS_TOKEN ? { accessToken: e.SALESFORCE_ACCESS_TOKEN } : {}),
            apiVersion: e.SALESFORCE_API_VERSION,
          },
        }
      : {}),
    ...(e.HUBSPOT_ACCESS_TOKEN
      ? {
          hubspot: {
            accessToken: e.HUBSPOT_ACCESS_TOKEN,
            ...(e.HUBSPOT_CLIENT_SECRET ? { clientSecret: e.HUBSPOT_CLIENT_SECRET } : {}),
            ...(e.HUBSPOT_API_BASE ? { apiBase: e.HUBSPOT_API_BASE } : {}),
          },
        }
      : {}),
    ...(e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN && (e.ZENDESK_SUBDOMAIN || e.ZENDESK_API_BASE)
      ? {
          zendesk: {
            subdomain: e.ZENDESK_SUBDOMAIN ?? '',
            email: e.ZENDESK_EMAIL,
            apiToken: e.ZENDESK_API_TOKEN,
            ...(e.ZENDESK_API_BASE ? { apiBase: e.ZENDESK_API_BASE } : {}),
          },
        }
      : {}),
    ...(e.STRIPE_SECRET_KEY
      ? {
          stripe: {
            secretKey: e.STRIPE_SECRET_KEY,
            ...(e.STRIPE_WEBHOOK_SECRET ? { webhookSecret: e.STRIPE_WEBHOOK_SECRET } : {}),
            ...(e.STRIPE_API_BASE ? { apiBase: e.STRIPE_API_BASE } : {}),
          },
        }
      : {}),
  };
}

function llmConfig(e: Env): LlmConfig {
  const call: LlmCallSettings = {
    timeoutMs: e.TEND_LLM_TIMEOUT_MS,
    maxRetries: e.TEND_LLM_MAX_RETRIES,
    redactPii: e.TEND_LLM_REDACT_PII,
    usdPerMillionTokens: {
      input: e.TEND_LLM_USD_PER_MILLION_INPUT_TOKENS,
      output: e.TEND_LLM_USD_PER_MILLION_OUTPUT_TOKENS,
    },
  };
  if (e.TEND_LLM_PROVIDER === 'openai')
    return {
      provider: 'openai',
      // Local OpenAI-compatible servers (Ollama, vLLM) accept any key.
      apiKey: e.OPENAI_API_KEY ?? 'not-needed',
      ...(e.OPENAI_BASE_URL ? { baseUrl: e.OPENAI_BASE_URL } : {}),
      ...(e.OPENAI_MODEL ? { model: e.OPENAI_MODEL } : {}),
      ...call,
    };
  if (e.TEND_LLM_PROVIDER === 'azure')
    return {
      provider: 'azure',
      endpoint: e.AZURE_OPENAI_ENDPOINT!,
      apiKey: e.AZURE_OPENAI_API_KEY!,
      deployment: e.AZURE_OPENAI_DEPLOYMENT!,
      apiVersion: e.AZURE_OPENAI_API_VERSION,
      ...call,
    };
  return { provider: 'offline' };
}

/** LLM settings that only make sense together. */
function checkLlm(e: Env): string[] {
  if (e.TEND_LLM_PROVIDER === 'openai' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL)
    return ['OPENAI_API_KEY is not set: TEND_LLM_PROVIDER=openai needs it (or OPENAI_BASE_URL for a local server)'];
  if (e.TEND_LLM_PROVIDER === 'azure')
    return (['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_DEPLOYMENT'] as const)
      .filter((k) => !e[k])
      .map((k) => `${k} is not set: TEND_LLM_PROVIDER=azure needs it`);
  return [];
}

/** The audience identity-provider tokens for Tend must carry: set, or Tend's public /mcp URL. */
function mcpAudience(e: Env): string | undefined {
  if (e.TEND_MCP_OIDC_AUDIENCE) return e.TEND_MCP_OIDC_AUDIENCE;
  return e.TEND_PUBLIC_URL ? `${e.TEND_PUBLIC_URL.replace(/\/+$/, '')}/mcp` : undefined;
}

/** MCP settings that only make sense together. */
function checkMcp(e: Env): string[] {
  // Taking the audience from each request's Host would accept a token minted for another service.
  if (e.TEND_MCP_OIDC_ISSUER && !mcpAudience(e))
    return [
      'TEND_MCP_OIDC_AUDIENCE is not set: with TEND_MCP_OIDC_ISSUER, Tend must know the audience its tokens carry (set it, or TEND_PUBLIC_URL to use <TEND_PUBLIC_URL>/mcp)',
    ];
  return [];
}

/** Teams settings that only make sense together. */
function checkTeams(e: Env): string[] {
  if (!e.TEAMS_APP_ID)
    return e.TEAMS_APP_PASSWORD ? ['TEAMS_APP_ID is not set: TEAMS_APP_PASSWORD needs the app id'] : [];
  const problems: string[] = [];
  if (!e.TEAMS_APP_PASSWORD && e.TEAMS_APP_TYPE !== 'UserAssignedMSI')
    problems.push('TEAMS_APP_PASSWORD is not set: the bot needs its client secret (or TEAMS_APP_TYPE=UserAssignedMSI)');
  if (e.TEAMS_APP_TYPE === 'SingleTenant' && !e.TEAMS_TENANT_ID)
    problems.push('TEAMS_TENANT_ID is not set: a SingleTenant bot needs its tenant id (or TEAMS_APP_TYPE=MultiTenant)');
  // A multi-tenant app can be installed by any organisation; without a list, all of them would get data.
  if (e.TEAMS_APP_TYPE !== 'SingleTenant' && !e.TEAMS_TENANT_ID && !e.TEAMS_ALLOWED_TENANT_IDS.length)
    problems.push(
      `TEAMS_ALLOWED_TENANT_IDS is not set: a ${e.TEAMS_APP_TYPE} bot can be reached from any Microsoft 365 organisation; list the tenant ids allowed to use Tend (comma-separated), or set TEAMS_TENANT_ID`,
    );
  return problems;
}

/** Slack settings that only make sense together. */
function checkSlack(e: Env): string[] {
  const anySlack = e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN || e.SLACK_API_URL;
  if (!e.SLACK_BOT_TOKEN)
    return anySlack ? ['SLACK_BOT_TOKEN is not set: the other SLACK_ settings need the bot token (xoxb-...)'] : [];
  if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN)
    return [
      'SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode)',
    ];
  return [];
}

function readEnvFile(path: string): Record<string, string> {
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

function describeIssues(issues: z.core.$ZodIssue[], values: Record<string, string | undefined>): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const value = values[name];
    // Never echo values of secrets back into logs or terminals.
    const shown = value === undefined ? 'is not set' : isSecretName(name) ? 'is invalid' : `is "${value}"`;
    return `${name} ${shown}: it ${issue.message}`;
  });
}

export function isSecretName(name: string): boolean {
  return /SECRET|TOKEN|PASSWORD|KEY|DATABASE_URL/i.test(name);
}
