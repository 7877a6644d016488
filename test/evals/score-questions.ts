import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Intent } from '../../src/conversation/parse-intent.js';
import { projectRoot } from '../../src/paths.js';

// The labelled questions of test/evals/questions.tsv: every fourth is held out (never used to tune
// rules or examples; its misses are counted, not listed), the rest is the tuning part.

export interface LabelledQuestion {
  line: number;
  intent: string;
  question: string;
  args: Record<string, unknown>;
  part: 'tune' | 'held-out';
}

export function loadQuestions(): LabelledQuestion[] {
  const lines = readFileSync(join(projectRoot, 'test/evals/questions.tsv'), 'utf8').split('\n');
  const out: LabelledQuestion[] = [];
  lines.forEach((text, i) => {
    if (!text.trim() || text.startsWith('#')) return;
    const [intent, question, args] = text.split('\t');
    out.push({
      line: i + 1,
      intent: intent!,
      question: question!,
      args: args ? (JSON.parse(args) as Record<string, unknown>) : {},
      part: out.length % 4 === 3 ? 'held-out' : 'tune',
    });
  });
  return out;
}

const legalForms = /\b(corp|corporation|inc|ltd|llc|plc|gmbh|co|company|group)\b/g;
/** Account and person names compare without case, punctuation or legal form: "Acme Corp." is "acme". */
const normal = (v: unknown) =>
  typeof v === 'string'
    ? v
        .toLowerCase()
        .replace(/[^a-z0-9 ]+/g, ' ')
        .replace(legalForms, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : v;

function matches(expected: unknown, actual: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected))
    return (
      !!actual &&
      typeof actual === 'object' &&
      Object.entries(expected).every(([k, v]) => matches(v, (actual as Record<string, unknown>)[k]))
    );
  return normal(expected) === normal(actual);
}

export interface QuestionScore {
  part: LabelledQuestion['part'];
  total: number;
  intentRight: number;
  /** Questions whose intent was right and that name arguments. */
  withArgs: number;
  argsRight: number;
  misses: string[];
}

export function scoreQuestions(
  questions: readonly LabelledQuestion[],
  read: (question: string) => Intent,
): Record<LabelledQuestion['part'], QuestionScore> {
  const score = (part: LabelledQuestion['part']): QuestionScore => {
    const mine = questions.filter((q) => q.part === part);
    let intentRight = 0;
    let withArgs = 0;
    let argsRight = 0;
    const misses: string[] = [];
    for (const q of mine) {
      const got = read(q.question);
      const intentOk = got.kind === q.intent;
      if (intentOk) intentRight++;
      const named = Object.keys(q.args).length > 0;
      const argsOk = intentOk && named ? matches(q.args, got) : true;
      if (intentOk && named) {
        withArgs++;
        if (argsOk) argsRight++;
      }
      if (!intentOk || !argsOk)
        misses.push(
          `line ${q.line}: "${q.question}" wanted ${q.intent} ${JSON.stringify(q.args)}, read ${JSON.stringify(got)}`,
        );
    }
    return { part, total: mine.length, intentRight, withArgs, argsRight, misses };
  };
  return { tune: score('tune'), 'held-out': score('held-out') };
}

export const formatQuestionScore = (s: QuestionScore) =>
  `${s.part}: intent ${s.intentRight}/${s.total} (${((s.intentRight / s.total) * 100).toFixed(1)} %), arguments ${s.argsRight}/${s.withArgs} (${((s.argsRight / Math.max(1, s.withArgs)) * 100).toFixed(1)} %)`;
