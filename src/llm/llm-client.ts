import type { z } from 'zod';
import type { Prompt } from './prompt.js';

/** A tool the model may call; its arguments are checked against `parameters`. */
export interface ChatTool {
  name: string;
  description: string;
  parameters: z.ZodObject;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * A language model behind Tend's prompts. Only wording comes from it: callers hand it facts computed
 * by the core and check what comes back. Implementations throw LlmError; callers fall back.
 */
export interface LlmClient {
  /** e.g. "gpt-4o-mini", for "drafted by ..." notes. */
  modelFor(prompt: Prompt): string;
  /** A JSON answer matching `schema`. `corrections` lists what was wrong with an earlier answer. */
  complete<T>(args: {
    prompt: Prompt;
    variables: Record<string, string>;
    schema: z.ZodType<T>;
    corrections?: string[];
  }): Promise<{ value: T; usage: LlmUsage }>;
  /** The tool the model picks for a request, with checked arguments, or undefined if it picks none. */
  chooseTool(args: {
    prompt: Prompt;
    variables: Record<string, string>;
    tools: ChatTool[];
  }): Promise<{ name: string; arguments: Record<string, unknown> } | undefined>;
}

export class LlmError extends Error {
  constructor(
    readonly kind: 'timeout' | 'unavailable' | 'circuit_open' | 'malformed' | 'schema',
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}
