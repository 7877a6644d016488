import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { ChatTool, LlmClient } from '../llm/llm-client.js';
import { loadPrompt, type Prompt } from '../llm/prompt.js';
import { parseIntent, type Intent } from './parse-intent.js';

// Read-only tools the model may pick. Changing data (notes, goals, snoozes) and admin commands are
// never chosen by a model: they need the explicit command.
const text = z.string().min(1).max(200);
const tools: ChatTool[] = [
  {
    name: 'account_health',
    description: 'Health score, band and recent change of one account',
    parameters: z.object({ account: text }),
  },
  {
    name: 'explain_score',
    description: 'Why an account scores as it does, or why it dropped or rose',
    parameters: z.object({ account: text }),
  },
  {
    name: 'list_at_risk',
    description: 'Accounts in at-risk bands, optionally filtered',
    parameters: z.object({
      segment: text.nullable(),
      tier: text.nullable(),
      region: text.nullable(),
      mine: z.boolean().nullable(),
    }),
  },
  {
    name: 'list_renewals',
    description: 'Accounts renewing within a number of days, with their health',
    parameters: z.object({
      days: z.number().int().min(1).max(730),
      mine: z.boolean().nullable(),
      at_risk_only: z.boolean().nullable(),
    }),
  },
  {
    name: 'portfolio_summary',
    description: 'Counts and ARR by band for the asker, their team, or everyone',
    parameters: z.object({ scope: z.enum(['me', 'team', 'all']) }),
  },
  {
    name: 'success_plan',
    description: 'The success plan and goals of one account',
    parameters: z.object({ account: text }),
  },
  {
    name: 'feedback_summary',
    description: 'What customers of one account are saying',
    parameters: z.object({ account: text }),
  },
  {
    name: 'draft_qbr',
    description: 'A quarterly business review draft for one account',
    parameters: z.object({ account: text }),
  },
  { name: 'help', description: 'What Tend can do, when no other tool fits', parameters: z.object({}) },
];

const explicitCommand =
  /^(?:\/tend\s+)?(health|why|at-?risk|renewals|portfolio|plan|feedback|qbr|help|recompute|whoami|note|goal|snooze|alerts?|log a note|set a goal|survey|nps|milestone)\b/i;

function intentFrom(call: { name: string; arguments: Record<string, unknown> }): Intent {
  const a = call.arguments;
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  switch (call.name) {
    case 'account_health':
      return { kind: 'health', account: str('account')! };
    case 'explain_score':
      return { kind: 'why', account: str('account')! };
    case 'list_at_risk': {
      const region = str('region');
      const tier = str('tier');
      const segment = str('segment');
      return {
        kind: 'at_risk',
        filter: {
          ...(region ? { region: region.toUpperCase() } : {}),
          ...(tier ? { tier: tier.toLowerCase() } : {}),
          ...(segment ? { segment: segment.toLowerCase() } : {}),
          ...(a.mine === true ? { mine: true } : {}),
        },
      };
    }
    case 'list_renewals':
      return {
        kind: 'renewals',
        days: a.days as number,
        ...(a.mine === true ? { mine: true } : {}),
        ...(a.at_risk_only === true ? { atRiskOnly: true } : {}),
      };
    case 'portfolio_summary':
      return { kind: 'portfolio', scope: a.scope as 'me' | 'team' | 'all' };
    case 'success_plan':
      return { kind: 'plan', account: str('account')! };
    case 'feedback_summary':
      return { kind: 'feedback', account: str('account')!, days: 90 };
    case 'draft_qbr':
      return { kind: 'qbr', account: str('account')! };
    default:
      return { kind: 'help' };
  }
}

export interface Understanding {
  intent: Intent;
  /** Which reader understood it: the deterministic parser, or the model's tool choice. */
  via: 'parser' | 'model';
}

let routePrompt: Prompt | undefined;

/**
 * What a message asks. Commands are read by the deterministic parser; plain questions go to the
 * model's tool choice when an LLM is configured, and back to the parser if it fails or picks nothing.
 */
export async function understand(message: string, llm: LlmClient | undefined, logger?: Logger): Promise<Understanding> {
  const parsed = parseIntent(message);
  const question = message.replace(/<@[^>]+>/g, ' ').trim();
  if (!llm || !question || explicitCommand.test(question)) return { intent: parsed, via: 'parser' };
  try {
    routePrompt ??= loadPrompt('route-question');
    const call = await llm.chooseTool({ prompt: routePrompt, variables: { question: question.slice(0, 1000) }, tools });
    if (!call) return { intent: parsed, via: 'parser' };
    return { intent: intentFrom(call), via: 'model' };
  } catch (error) {
    logger?.warn({ error: (error as Error).message }, 'question routing by the model failed; using the parser');
    return { intent: parsed, via: 'parser' };
  }
}
