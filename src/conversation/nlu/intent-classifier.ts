import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import type { IntentDefinition } from '../intent.js';

// The offline reader for what no rule matched: an NLP.js neural classifier trained, once per process,
// on every intent's example utterances (a few milliseconds; deterministic for the same examples).
// Account names are not in the examples: they are whatever is left once the intent's words are read.

export interface Classification {
  intent: string;
  score: number;
}

interface NlpLike {
  process(locale: string, text: string): Promise<{ classifications?: Classification[] }>;
}

/** Example text as trained: placeholders removed, so no sample name becomes a feature of an intent. */
export const trainingText = (example: string) =>
  example
    .replace(/\{(?:account|person|region|number)\}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

async function train(intents: Iterable<IntentDefinition>): Promise<NlpLike> {
  const container = await containerBootstrap();
  // NLP.js's own defaults for English, quiet (it prints every training epoch otherwise), and with
  // its spell check on: "renwals" still reads as renewals.
  container.registerConfiguration(
    'nlu-??',
    {
      keepStopwords: true,
      nonefeatureValue: 1,
      nonedeltaMultiplier: 1.2,
      spellCheck: false,
      spellCheckDistance: 1,
      filterZeros: true,
      log: false,
    },
    true,
  );
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp') as NlpLike & {
    settings: Record<string, unknown>;
    addLanguage(locale: string): void;
    addDocument(locale: string, text: string, intent: string): void;
    train(): Promise<void>;
  };
  // No model file on disk and no console output: the model lives in this process only.
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  // Only the intent is wanted: no sentiment of the question, no entity pass (Tend reads its own).
  nlp.settings.calculateSentiment = false;
  nlp.addLanguage('en');
  for (const intent of intents)
    for (const example of intent.examples ?? []) {
      const text = trainingText(example);
      // "{account}?" alone teaches nothing once the name is out.
      if (/[a-z]/i.test(text)) nlp.addDocument('en', text, intent.name);
    }
  await nlp.train();
  return nlp;
}

type Registry = ReadonlyMap<string, IntentDefinition>;

// One model per intent registry (the app has one; tests may build their own), trained once.
const models = new WeakMap<Registry, Promise<NlpLike>>();

/** Trains on first use (or at start-up, to keep the first question fast). */
export function warmClassifier(intents: Registry): Promise<unknown> {
  let model = models.get(intents);
  if (!model) {
    model = train(intents.values());
    models.set(intents, model);
  }
  return model;
}

/** The intents a message most likely asks for, best first, with the classifier's scores (0..1). */
export async function classify(intents: Registry, text: string): Promise<Classification[]> {
  const model = (await warmClassifier(intents)) as NlpLike;
  const result = await model.process('en', text);
  return (result.classifications ?? []).filter((c) => c.intent !== 'None' && c.score > 0);
}
