import { describe, expect, it } from 'vitest';
import { intents } from '../../src/conversation/intent-registry.js';
import type { Intent } from '../../src/conversation/parse-intent.js';
import { parseIntent } from '../../src/conversation/parse-intent.js';
import { understand } from '../../src/conversation/understand.js';
import { formatQuestionScore, loadQuestions, scoreQuestions } from './score-questions.js';

// 414 questions as CSMs and managers ask them (test/evals/questions.tsv), read offline: the rules,
// then the NLP.js classifier trained on the intents' examples. Every fourth question is held out:
// its score is the one that counts, and its misses are not listed (nothing is tuned on them).
const questions = loadQuestions();
const threshold = { intent: 0.9, args: 0.85 };

describe('understanding questions offline', () => {
  it(`reads the held-out questions with >= ${threshold.intent * 100} % intent and >= ${threshold.args * 100} % argument accuracy`, async () => {
    const read = new Map<string, Intent>();
    for (const q of questions) read.set(q.question, (await understand(q.question, undefined)).intent);
    const score = scoreQuestions(questions, (q) => read.get(q)!);
    const rules = scoreQuestions(questions, parseIntent);
    console.log(
      [
        `offline understanding of ${questions.length} questions:`,
        `  ${formatQuestionScore(score.tune)}`,
        `  ${formatQuestionScore(score['held-out'])}`,
        `  rules alone, ${formatQuestionScore(rules['held-out'])}`,
        ...score.tune.misses.map((m) => `  tune miss ${m}`),
        `  (${score['held-out'].misses.length} held-out misses, not listed)`,
      ].join('\n'),
    );
    const held = score['held-out'];
    expect(questions.length).toBeGreaterThanOrEqual(400);
    expect(held.total).toBeGreaterThanOrEqual(100);
    expect(held.intentRight / held.total).toBeGreaterThanOrEqual(threshold.intent);
    expect(held.argsRight / held.withArgs).toBeGreaterThanOrEqual(threshold.args);
  });

  it('has at least 15 examples for every intent a question can ask', () => {
    const asked = new Set(questions.map((q) => q.intent));
    for (const name of asked) expect(intents.get(name)?.examples?.length ?? 0, name).toBeGreaterThanOrEqual(15);
  });
});
