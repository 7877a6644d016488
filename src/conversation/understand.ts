import type { Logger } from '../logging/logger.js';
import type { LlmClient } from '../llm/llm-client.js';
import { loadPrompt, type Prompt } from '../llm/prompt.js';
import { redactPii } from '../llm/redact-pii.js';
import type { IntentCall } from '../replies/reply.js';
import { callFromTool, intents, isExplicitCommand, modelTools, parseCall } from './intent-registry.js';
import { readWithClassifier } from './nlu/read-with-classifier.js';
import type { Intent } from './parse-intent.js';

export interface Reading {
  call: IntentCall;
  /** Which reader understood it: the deterministic rules, the model's tool choice, or the offline classifier. */
  via: 'parser' | 'model' | 'classifier';
}

let routePrompt: Prompt | undefined;

/**
 * What a message asks, given the rules' reading of it (parsed once by the caller). Commands stay
 * with the rules; plain questions go to the model's tool choice when an LLM is configured, and back
 * to the rules if it fails, picks nothing, or picks something that does not fit.
 */
export async function routeQuestion(
  message: string,
  parsed: IntentCall,
  llm: LlmClient | undefined,
  logger?: Logger,
  options: { redactPii?: boolean } = {},
): Promise<Reading> {
  const reading = await routeWithModel(message, parsed, llm, logger, options);
  if (reading.call.intent !== 'unknown') return reading;
  // What neither the rules nor the model read: the offline classifier, or the closest readings to choose from.
  const classified = await readWithClassifier(intents, message.replace(/<@[^>]+>/g, ' ').trim());
  return classified ? { call: classified, via: 'classifier' } : reading;
}

async function routeWithModel(
  message: string,
  parsed: IntentCall,
  llm: LlmClient | undefined,
  logger?: Logger,
  options: { redactPii?: boolean } = {},
): Promise<Reading> {
  const question = message.replace(/<@[^>]+>/g, ' ').trim();
  if (!llm || !question || isExplicitCommand(question)) return { call: parsed, via: 'parser' };
  try {
    // The model only picks a tool; it never needs a person's email or phone number to do so.
    const choice = await chooseToolFor(options.redactPii === false ? question : redactPii(question), llm);
    const call = choice ? callFromTool(choice) : undefined;
    if (!call) {
      if (choice) logger?.warn({ tool: choice.name }, 'the model chose a tool that does not fit; using the parser');
      return { call: parsed, via: 'parser' };
    }
    return { call, via: 'model' };
  } catch (error) {
    logger?.warn({ error: (error as Error).message }, 'question routing by the model failed; using the parser');
    return { call: parsed, via: 'parser' };
  }
}

/** The model's raw tool choice for a question (evals record it; `routeQuestion` checks it). */
export async function chooseToolFor(
  question: string,
  llm: LlmClient,
): Promise<{ name: string; arguments: Record<string, unknown> } | undefined> {
  routePrompt ??= loadPrompt('route-question');
  return llm.chooseTool({ prompt: routePrompt, variables: { question: question.slice(0, 1000) }, tools: modelTools() });
}

/** The same, flattened (`{ kind, ...args }`), for evals and tests. */
export async function understand(
  message: string,
  llm: LlmClient | undefined,
  logger?: Logger,
): Promise<{ intent: Intent; via: Reading['via'] }> {
  const { call, via } = await routeQuestion(message, parseCall(message), llm, logger);
  return { intent: { kind: call.intent, ...call.args }, via };
}
