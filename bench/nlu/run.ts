// Offline language understanding: the classifier's training time at start-up, and the time to read
// one message (rules, then the classifier) over the 414 labelled questions, repeated.
// Targets: training < 2 s (or built ahead); one message p99 < 20 ms.
//   npm run bench:nlu
import { intents } from '../../src/conversation/intent-registry.js';
import { warmClassifier } from '../../src/conversation/nlu/intent-classifier.js';
import { understand } from '../../src/conversation/understand.js';
import { loadQuestions } from '../../test/evals/score-questions.js';

const started = performance.now();
await warmClassifier(intents);
const trainingMs = performance.now() - started;
const examples = [...intents.values()].reduce((n, i) => n + (i.examples?.length ?? 0), 0);
console.log(
  `classifier trained on ${examples} examples of ${intents.size} intents in ${trainingMs.toFixed(0)} ms (target < 2 s)`,
);

// Each message once: a text seen before could be answered from a cache, and people rarely repeat one.
const questions = loadQuestions().map((q) => q.question);
const times: number[] = [];
for (const q of questions) {
  const t = performance.now();
  await understand(q, undefined);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
console.log(
  `read ${times.length} messages: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(1)} ms (target p99 < 20 ms)`,
);
