import { z } from 'zod';
import { intents } from '../../conversation/intent-registry.js';
import type { IntentCall } from '../../replies/reply.js';
import type { Actor } from '../../services/access/actor.js';

// Tend's answers as MCP tools, generated from the intents: every read-only model tool an intent
// declares, and the writes a person's role allows. One implementation; the same access checks.

export interface McpToolSpec {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodObject;
  write: boolean;
  /** The intent call the tool's arguments amount to. */
  call(args: Record<string, unknown>): IntentCall;
}

/** Writes an assistant may make for a person, with what a model needs to know to use them well. */
const writes: { intent: string; name: string; title: string; description: string }[] = [
  {
    intent: 'note',
    name: 'log_note',
    title: 'Log a note on an account',
    description:
      'Record a touchpoint note on one account (a call, a meeting, what was agreed). Counts as a touchpoint for the account’s cadence. Ask the user for the text before calling.',
  },
  {
    intent: 'snooze',
    name: 'snooze_alerts',
    title: 'Snooze an account’s alerts',
    description: 'Hold back an account’s alerts for a number of days (0 wakes them). Use only when the user asks.',
  },
  {
    intent: 'alert',
    name: 'act_on_alert',
    title: 'Acknowledge, claim or snooze an alert',
    description:
      'Act on one alert by its id (from list_alerts or an alert message): ack, claim (take ownership) or snooze for days.',
  },
  {
    intent: 'start_play',
    name: 'start_play',
    title: 'Start a play on an account',
    description:
      'Open a run of a play (by id or name words, e.g. "low-usage") on one account: its steps become tasks with owners and due dates. At most one run per account and play. Use next_steps first to see which play the account’s signals call for, and ask the user before starting.',
  },
  {
    intent: 'task',
    name: 'act_on_task',
    title: 'Complete, skip, snooze, reassign or approve a play task',
    description:
      'Act on one play task by its id (from my_tasks or next_steps): done, skip (give a reason), snooze (days), reassign (to: a name or email), approve (sends a message or survey to the client, or writes to the CRM; message replaces the text) or deny. Approve reaches the client: always confirm with the user first.',
  },
];

const readTitle = (name: string) =>
  name
    .split('_')
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');

const canWrite = (actor: Actor) =>
  !actor.external && (actor.role === 'csm' || actor.role === 'manager' || actor.role === 'admin');

/** The tools one person sees: every read tool, and writes only when their role may write. */
export function mcpToolSpecs(actor: Actor): McpToolSpec[] {
  const specs: McpToolSpec[] = [];
  for (const intent of intents.values()) {
    const tool = intent.tool;
    if (!tool || intent.name === 'help') continue;
    specs.push({
      name: tool.name,
      title: readTitle(tool.name),
      description: tool.description,
      inputSchema: tool.parameters,
      write: false,
      call: (args) => ({ intent: intent.name, args: tool.toArgs(args) as Record<string, unknown> }),
    });
  }
  if (canWrite(actor))
    for (const w of writes) {
      const intent = intents.get(w.intent);
      if (!intent || !(intent.args instanceof z.ZodObject)) continue;
      specs.push({
        name: w.name,
        title: w.title,
        description: w.description,
        inputSchema: intent.args,
        write: true,
        call: (args) => ({ intent: w.intent, args }),
      });
    }
  return specs;
}

/** What every tool returns besides its text: the neutral reply, as data. */
export const replyOutputSchema = z.object({
  headline: z.string(),
  tone: z.enum(['info', 'good', 'warning', 'critical', 'error']),
  facts: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  bars: z.array(z.object({ label: z.string(), score: z.number().nullable(), note: z.string().optional() })).optional(),
  sections: z.array(z.object({ title: z.string().optional(), lines: z.array(z.string()) })).optional(),
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
  suggestions: z.array(z.string()).optional(),
  /** The acts the answer offers (its buttons): which intent, with which arguments (ids included). */
  actions: z
    .array(z.object({ label: z.string(), intent: z.string(), args: z.record(z.string(), z.unknown()) }))
    .optional(),
  /** When the answer was computed (ISO time); the facts say how fresh each source's data is. */
  answeredAt: z.string(),
});
