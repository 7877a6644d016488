import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { understand } from '../../src/conversation/understand.js';
import type { LlmClient } from '../../src/llm/llm-client.js';
import type { Logger } from '../../src/logging/logger.js';
import { projectRoot } from '../../src/paths.js';

export interface RoutingCase {
  question: string;
  /** Fields the flattened intent must have (`{ kind, ...args }`), compared whole where nested. */
  expect: Record<string, unknown>;
  /** What the rules alone should read, where it differs (no model: an unknown question gets help). */
  expectOffline?: Record<string, unknown>;
  recorded: { name: string; arguments: Record<string, unknown> } | null;
}

export interface RoutingSet {
  about: string;
  threshold: { model: number; offline: number };
  cases: RoutingCase[];
}

const file = join(projectRoot, 'test/evals/route-questions.json');

export const loadRoutingSet = (): RoutingSet => JSON.parse(readFileSync(file, 'utf8')) as RoutingSet;

export function saveRoutingSet(set: RoutingSet): void {
  writeFileSync(file, `${JSON.stringify(set, null, 2)}\n`);
}

export interface RoutingScore {
  passed: number;
  total: number;
  rate: number;
  results: { question: string; ok: boolean; intent: Record<string, unknown>; via: string }[];
}

/** Routes every question (with the model when given, else the rules alone) and scores the answers. */
export async function scoreRouting(
  cases: RoutingCase[],
  llm: LlmClient | undefined,
  logger?: Logger,
): Promise<RoutingScore> {
  const results = [];
  for (const c of cases) {
    const { intent, via } = await understand(c.question, llm, logger);
    const expected = (!llm && c.expectOffline) || c.expect;
    const ok = Object.entries(expected).every(([k, v]) => isDeepStrictEqual(intent[k], v));
    results.push({ question: c.question, ok, intent, via });
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, total: cases.length, rate: passed / cases.length, results };
}

export const formatScore = (label: string, score: RoutingScore): string =>
  [
    ...score.results.map((r) => `${r.ok ? 'ok  ' : 'MISS'} ${r.question} -> ${JSON.stringify(r.intent)} (${r.via})`),
    `${label}: ${score.passed}/${score.total} (${Math.round(score.rate * 100)} %)`,
  ].join('\n');
