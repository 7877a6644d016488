import type { z } from 'zod';
import type { Actor } from '../services/access/actor.js';
import type { Reply } from '../replies/reply.js';
import type { ConversationDeps } from './conversation-deps.js';
import type { InboundMessage } from './inbound-message.js';
import type { AskedScope } from './frame/asked-scope.js';
import type { Phrase } from './phrases.js';

/** Everything a handler gets besides its arguments. */
export interface IntentContext {
  deps: ConversationDeps;
  actor: Actor;
  channel: InboundMessage['channel'];
  /** The request's time, read once. */
  now: Date;
  /** A form (modal, dialog) rather than typed text or a button: notes record where they came from. */
  source: 'message' | 'form';
  /** What can be asked, built from every intent's help line. */
  helpReply(): Reply;
  /**
   * The scope a typed question asked (owner, region, period, thresholds...), read from all its words.
   * Handlers that apply a part call `scope.use(part)`; what they do not use is named in the reply.
   */
  scope?: AskedScope;
}

/**
 * Who may run an intent, checked before its handler runs (use cases check again):
 * `respondent`: anyone; the use case checks the person is the one surveyed.
 * `reader`: internal people in an unshared place. `writer`: the account team (csm, manager, admin).
 * `survey_sender`: the account team, also from a channel shared with the client.
 * `manager`: managers and admins. `admin`: Tend admins.
 */
export type IntentAccess = 'respondent' | 'reader' | 'writer' | 'survey_sender' | 'manager' | 'admin';

/** One deterministic reading: tried in ascending priority across all intents; the first match wins. */
export interface IntentRule<Args> {
  priority: number;
  match(phrase: Phrase): Args | undefined;
}

/** A read-only tool the model may choose for a plain question, and how its answer becomes arguments. */
export interface IntentTool<Args> {
  name: string;
  description: string;
  parameters: z.ZodObject;
  toArgs(parameters: Record<string, unknown>): Args;
}

export interface IntentDefinition<Args extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable id: buttons and forms carry it, tests and logs name it. */
  name: string;
  args: z.ZodType<Args>;
  rules: IntentRule<Args>[];
  /** Command words that mark a message as a command, so the model never re-reads it. */
  verbs?: string[];
  tool?: IntentTool<Args>;
  /** Slow enough that channels show progress first. */
  slow?: boolean;
  help?: { group: 'Ask me' | 'Record' | 'Customer voice'; order: number; line: string };
  /**
   * How people ask for this, for the offline classifier that reads what no rule matched
   * (nlu/intent-classifier.ts): at least 15, varied, `{account}` where an account is named.
   */
  examples?: string[];
  /** The arguments when the classifier chose this intent; without it, the schema's defaults. */
  fromText?(phrase: Phrase): Args | undefined;
  access: IntentAccess;
  /**
   * Answers over many accounts of the book (lists, counts, sums): the question's scope (owner, region,
   * period, thresholds...) is read for it, and what its handler does not apply is named in the reply.
   */
  scoped?: boolean;
  handle(context: IntentContext, args: Args): Promise<Reply>;
}

/** Declares an intent with its argument type inferred from the schema. */
export function defineIntent<Args extends Record<string, unknown>>(
  definition: { args: z.ZodType<Args> } & Omit<IntentDefinition<NoInfer<Args>>, 'args'>,
): IntentDefinition<Args> {
  return definition as IntentDefinition<Args>;
}
