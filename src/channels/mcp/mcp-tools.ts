import { z } from 'zod';
import { intents } from '../../conversation/intent-registry.js';
import type { IntentCall } from '../../replies/reply.js';
import type { Actor } from '../../services/access/actor.js';
import type { TokenScope } from '../../services/mcp/mcp-tokens.js';
import { describeFields } from './mcp-tool-fields.js';

// Tend's answers as MCP tools, generated from the intents: every read-only model tool an intent
// declares, and the writes a person's role allows. One implementation; the same access checks.
// The intents' model-tool schemas are written for strict structured output (every field present,
// null for "not given"); here optional fields are optional, and every field says what it takes.

type McpScope = TokenScope;

export interface McpToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  /** True when the tool reaches beyond Tend: a message to a client, a CRM. */
  openWorldHint: boolean;
}

export interface McpToolSpec {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodObject;
  annotations: McpToolAnnotations;
  scope: McpScope;
  /** A list read in pages: `limit` rows from an opaque `cursor`. */
  paged: boolean;
  /** The intent call the tool's arguments amount to (`page`: the rows a paged tool was asked for). */
  call(args: Record<string, unknown>, page?: { offset: number; size: number }): IntentCall;
}

const read: McpToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** Writes an assistant may make for a person, with what a model needs to know to use them well. */
const writes: {
  intent: string;
  name: string;
  title: string;
  description: string;
  annotations: McpToolAnnotations;
  /** Arguments the intent requires that the tool may leave out. */
  defaults?: Record<string, unknown>;
}[] = [
  {
    intent: 'note',
    name: 'log_note',
    title: 'Log a note on an account',
    description:
      'Record a touchpoint note on one account (a call, a meeting, what was agreed). Counts as a touchpoint for the account’s cadence. Each call adds a note. Ask the user for the text before calling.',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  },
  {
    intent: 'snooze',
    name: 'snooze_alerts',
    title: 'Snooze an account’s alerts',
    description:
      'Hold back an account’s alerts for a number of days from now (0 wakes them), replacing any snooze it had. Use only when the user asks.',
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
  {
    intent: 'alert',
    name: 'act_on_alert',
    title: 'Acknowledge, claim or snooze an alert',
    description:
      'Act on one alert by its id (from the `actions` of a Tend answer, or an alert message in Slack or Teams): ack, claim (take ownership from whoever had it) or snooze for days (default 7).',
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    defaults: { days: 7 },
  },
  {
    intent: 'start_play',
    name: 'start_play',
    title: 'Start a play on an account',
    description:
      'Open a run of a play (by id or name words, e.g. "low-usage") on one account: its steps become tasks with owners and due dates, mirrored as CRM tasks where Tend is connected to one. At most one run per account and play (a second call changes nothing). Use next_steps first to see which play the account’s signals call for, and ask the user before starting.',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  },
  {
    intent: 'task',
    name: 'act_on_task',
    title: 'Complete, skip, snooze, reassign, approve or deny a play task',
    description:
      'Act on one play task by its id (from the `actions` of my_tasks or next_steps): done, skip (give a reason), snooze (days), reassign (to: a name or email), approve (sends the step’s message or survey to the client, or writes to the CRM; `message` replaces the text) or deny. Approve reaches the client: always confirm with the user first, showing them what will be sent.',
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
];

/** Titles people read in an assistant's tool list. */
const titles: Record<string, string> = {
  account_facts: 'Look up a fact about an account',
  list_at_risk: 'List at-risk accounts',
  compare_accounts: 'Compare two accounts’ health',
  account_contacts: 'An account’s people',
  feedback_summary: 'Summarise an account’s feedback',
  account_health: 'Account health score',
  list_accounts: 'List and rank accounts',
  my_tasks: 'My open play tasks',
  next_steps: 'What to do about an account',
  success_plan: 'An account’s success plan',
  plays_report: 'Which plays work',
  portfolio_summary: 'Portfolio summary',
  draft_qbr: 'Draft a QBR',
  list_renewals: 'List upcoming renewals',
  revenue_retention: 'Revenue retention (NRR, GRR)',
  health_score_backtest: 'How well the health score foresaw churn',
  time_to_first_value: 'Time to first value',
  explain_score: 'Why an account’s score moved',
};

const readTitle = (name: string) =>
  titles[name] ??
  name
    .split('_')
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');

/** Tools whose model-tool schema has a row count of its own, replaced here by the page size. */
const rowCountField: Record<string, string> = { list_accounts: 'limit', list_at_risk: 'top' };
/** Read tools that return long lists, read in pages. */
const pagedTools = new Set(['list_accounts', 'list_at_risk', 'list_renewals', 'my_tasks']);

/** Tools that store something although they answer a question, so are not read-only. */
const readsThatStore: Record<string, { annotations: McpToolAnnotations; description: string }> = {
  draft_qbr: {
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    description:
      'A quarterly business review draft for one account and quarter (the last completed quarter unless `quarter` is given): every figure from Tend’s scoring, the wording checked against them. Each call stores a new draft in Tend.',
  },
};

/** Strict-output fields (`x | null`, required) as optional fields, each with its description. */
function forAssistants(tool: string, schema: z.ZodObject, drop: string[] = []): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (drop.includes(key)) continue;
    shape[key] = field instanceof z.ZodNullable ? (field.unwrap() as z.ZodType).optional() : field;
  }
  return describeFields(tool, z.object(shape));
}

export const pageFields = {
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
};

const canWrite = (actor: Actor) =>
  !actor.external && (actor.role === 'csm' || actor.role === 'manager' || actor.role === 'admin');

/** The tools one person sees: every read tool, and writes only when their role may write. */
export function mcpToolSpecs(actor: Actor): McpToolSpec[] {
  const specs: McpToolSpec[] = [];
  for (const intent of intents.values()) {
    const tool = intent.tool;
    if (!tool || intent.name === 'help') continue;
    const paged = pagedTools.has(tool.name);
    const rowCount = rowCountField[tool.name];
    let inputSchema = forAssistants(tool.name, tool.parameters, rowCount ? [rowCount] : []);
    if (paged) inputSchema = describeFields(tool.name, inputSchema.extend(pageFields));
    if (tool.name === 'draft_qbr')
      inputSchema = describeFields(tool.name, inputSchema.extend({ quarter: z.string().max(20).optional() }));
    const stores = readsThatStore[tool.name];
    specs.push({
      name: tool.name,
      title: readTitle(tool.name),
      description: stores?.description ?? tool.description,
      inputSchema,
      annotations: stores?.annotations ?? read,
      scope: 'tend:read',
      paged,
      call: (args, page) => {
        const { cursor: _cursor, limit: _limit, quarter, ...rest } = args;
        const intentArgs = tool.toArgs(rest) as Record<string, unknown>;
        return {
          intent: intent.name,
          args: {
            ...intentArgs,
            ...(tool.name === 'draft_qbr' && typeof quarter === 'string' ? { quarter } : {}),
            ...(page ? { page } : {}),
          },
        };
      },
    });
  }
  if (canWrite(actor))
    for (const w of writes) {
      const intent = intents.get(w.intent);
      if (!intent || !(intent.args instanceof z.ZodObject)) continue;
      const defaults = w.defaults ?? {};
      const shape = Object.fromEntries(
        Object.entries(intent.args.shape as Record<string, z.ZodType>).map(([k, f]) => [
          k,
          k in defaults ? f.optional() : f,
        ]),
      );
      specs.push({
        name: w.name,
        title: w.title,
        description: w.description,
        inputSchema: describeFields(w.name, z.object(shape)),
        annotations: w.annotations,
        scope: 'tend:write',
        paged: false,
        call: (args) => ({ intent: w.intent, args: { ...defaults, ...args } }),
      });
    }
  return specs;
}

/** The scope a tool needs, by name (undefined for a tool Tend does not have). */
export function scopeOfTool(name: string): McpScope | undefined {
  if (writes.some((w) => w.name === name)) return 'tend:write';
  for (const intent of intents.values()) if (intent.tool?.name === name) return 'tend:read';
  return undefined;
}

const cell = z.string();
/** What every tool returns besides its text: the neutral reply, as data. */
export const replyOutputSchema = z.object({
  headline: z.string(),
  tone: z.enum(['info', 'good', 'warning', 'critical', 'error']),
  facts: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  /** The answer's figures as values: the health score as a number, its band, its change. */
  figures: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  /** Scores 0..100; `score` is absent where there is not enough data. */
  bars: z.array(z.object({ label: z.string(), score: z.number().optional(), note: z.string().optional() })).optional(),
  sections: z.array(z.object({ title: z.string().optional(), lines: z.array(z.string()) })).optional(),
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(cell)) }).optional(),
  /** For a list read in pages: which rows this is, of how many; `nextCursor` fetches the next page. */
  page: z.object({ offset: z.number(), returned: z.number(), total: z.number() }).optional(),
  nextCursor: z.string().optional(),
  /** Calls to make next (e.g. the same tool for the account the user probably meant). */
  suggestions: z
    .array(
      z.object({ tool: z.string(), arguments: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
    )
    .optional(),
  /** The acts the answer offers (its buttons): which intent, with which arguments (ids included). */
  actions: z
    .array(
      z.object({
        label: z.string(),
        intent: z.string(),
        args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      }),
    )
    .optional(),
  /** When the answer was computed (ISO time); the facts say how fresh each source's data is. */
  answeredAt: z.string(),
});
