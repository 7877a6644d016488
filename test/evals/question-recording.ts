import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

// A real model's tool choices for the labelled questions of questions.tsv, written by
// `npm run eval -- --record` against a real endpoint and replayed in CI through the real openai
// client. There is no recording until someone runs that with an endpoint: an empty or missing file
// is reported as "not recorded", never replaced by choices written by hand.

export interface QuestionRecording {
  about: string;
  /** The model that chose, and when: the recording is only as good as the model it came from. */
  model: string;
  recordedAt: string;
  choices: Record<string, { name: string; arguments: Record<string, unknown> } | null>;
}

const file = join(projectRoot, 'test/evals/questions.recorded.json');

export function loadQuestionRecording(): QuestionRecording | undefined {
  if (!existsSync(file)) return undefined;
  const recording = JSON.parse(readFileSync(file, 'utf8')) as QuestionRecording;
  return Object.keys(recording.choices).length ? recording : undefined;
}

export function saveQuestionRecording(recording: Omit<QuestionRecording, 'about'>): void {
  const about =
    'Tool choices a real model made for the questions of questions.tsv (null: it chose none), written by npm run eval -- --record; CI replays them through the real openai client against a local fake server (questions.eval.test.ts).';
  writeFileSync(file, `${JSON.stringify({ about, ...recording }, null, 2)}\n`);
}
