import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { DbClient } from '../db/repositories/db-client.js';
import { findLlmOutput, saveLlmOutput } from '../db/repositories/llm-outputs.js';
import type { Logger } from '../logging/logger.js';
import { checkGrounding, groundingCheckVersion, type GroundingResult } from './grounding.js';
import { LlmError, type LlmClient } from './llm-client.js';
import type { Prompt } from './prompt.js';

export type WordingSource =
  { kind: 'model'; model: string; checkedFigures: number; cached: boolean } | { kind: 'template'; reason: string };

export interface Wording<T> {
  value: T;
  source: WordingSource;
  /** One line for people: which path produced the text. */
  note: string;
}

export interface WordingTask<T> {
  prompt: Prompt;
  variables: Record<string, string>;
  schema: z.ZodType<T>;
  /** The fact sheet the model was given; every figure it writes must come from here. */
  facts: unknown;
  /** Stored feedback texts its quotations must come from, verbatim. */
  sources: readonly string[];
  /** All the prose of an answer, for the grounding check. */
  textOf(value: T): string;
  /** The deterministic wording, used offline and whenever the model's is rejected. */
  template(): T;
  /** "draft" or "summary", for the note. */
  noun: string;
  /** A stricter check of the answer's claims (each figure against the facts its paragraph cites). */
  checkClaims?(value: T): GroundingResult;
}

const reasons: Record<LlmError['kind'] | 'ungrounded', string> = {
  timeout: 'the model did not answer in time',
  unavailable: 'the model endpoint failed',
  circuit_open: 'the model endpoint is failing',
  malformed: 'the model did not answer in the expected format',
  schema: 'the model answered in the wrong shape',
  ungrounded: "the model's text stated figures or quotes the data does not support",
};

/** The grounding check, then the claim check where the task has one: every problem of both. */
function checkWording<T>(task: WordingTask<T>, value: T): GroundingResult {
  const grounding = checkGrounding(task.textOf(value), task.facts, task.sources);
  if (!task.checkClaims) return grounding;
  const claims = task.checkClaims(value);
  return {
    violations: [...grounding.violations, ...claims.violations],
    checkedFigures: Math.max(grounding.checkedFigures, claims.checkedFigures),
  };
}

/** The version of a prompt: a hash of its system and user text and its settings. */
export const promptVersion = (prompt: Prompt) =>
  createHash('sha256')
    .update(JSON.stringify([prompt.system, prompt.user, prompt.config]))
    .digest('hex')
    .slice(0, 16);

/**
 * Where accepted wording is cached: the facts (the prompt's variables), the model, the prompt's
 * version and the check's version. Change any and the model is asked again; what is served from the
 * cache is checked again all the same, since a text the check lets in today may be refused tomorrow.
 */
export function wordingCacheKey(prompt: Prompt, model: string, variables: Record<string, string>): string {
  return createHash('sha256')
    .update(JSON.stringify([prompt.name, promptVersion(prompt), model, groundingCheckVersion, variables]))
    .digest('hex');
}

/**
 * Words facts with the model when one is configured, checked against the facts; retried once with
 * the problems listed; otherwise (or offline) the deterministic template. Accepted wording is
 * cached by a hash of everything that went into it.
 */
export async function wordWithModel<T>(
  deps: { llm?: LlmClient; db: DbClient; logger?: Logger },
  task: WordingTask<T>,
): Promise<Wording<T>> {
  const template = (reason: string): Wording<T> => ({
    value: task.template(),
    source: { kind: 'template', reason },
    note: `template ${task.noun}: ${reason}`,
  });
  if (!deps.llm) return template('no LLM is configured');
  const model = deps.llm.modelFor(task.prompt);
  const key = wordingCacheKey(task.prompt, model, task.variables);
  const accepted = (value: T, checkedFigures: number, cached: boolean): Wording<T> => ({
    value,
    source: { kind: 'model', model, checkedFigures, cached },
    note: `${task.noun} drafted by ${model}, ${checkedFigures === 0 ? 'no figures to check' : `all ${checkedFigures} figure(s) checked`}`,
  });

  const cached = await findLlmOutput(deps.db, key);
  if (cached !== undefined) {
    // Checked again: the cache is only as trustworthy as the check that let the text in.
    const parsed = task.schema.safeParse(cached);
    const grounding = parsed.success ? checkWording(task, parsed.data) : undefined;
    if (parsed.success && grounding!.violations.length === 0)
      return accepted(parsed.data, grounding!.checkedFigures, true);
    deps.logger?.warn(
      { prompt: task.prompt.name, violations: grounding?.violations ?? ['wrong shape'] },
      'cached model wording failed the check; asking again',
    );
  }

  let corrections: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const { value } = await deps.llm.complete({
        prompt: task.prompt,
        variables: task.variables,
        schema: task.schema,
        ...(corrections.length ? { corrections } : {}),
      });
      const grounding = checkWording(task, value);
      if (grounding.violations.length === 0) {
        await saveLlmOutput(deps.db, { key, prompt: task.prompt.name, model, value });
        return accepted(value, grounding.checkedFigures, false);
      }
      deps.logger?.warn(
        { prompt: task.prompt.name, attempt, violations: grounding.violations },
        'model wording rejected by the grounding check',
      );
      corrections = grounding.violations;
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      deps.logger?.warn(
        { prompt: task.prompt.name, attempt, kind: error.kind, error: error.message },
        'model wording failed',
      );
      // Shape problems may clear on a second try; an endpoint that failed after its own retries will not.
      if (error.kind === 'malformed' || error.kind === 'schema') {
        corrections = [error.message];
        if (attempt === 2) return template(reasons[error.kind]);
        continue;
      }
      return template(reasons[error.kind]);
    }
  }
  return template(reasons.ungrounded);
}
