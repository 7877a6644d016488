import type { IntentCall } from '../../replies/reply.js';
import type { IntentDefinition } from '../intent.js';
import { phraseOf } from '../phrases.js';
import { filler, questionWordsOf } from './account-from-text.js';
import { classify } from './intent-classifier.js';

const wordsOfIntent = new WeakMap<IntentDefinition, Set<string>>();

/**
 * Whether the message shares a word that asks with the intent's examples ("renewals", "owner",
 * "NPS"), besides the filler every question has. A classifier always picks its nearest intent;
 * "what is the weather like" shares nothing with any, and is not Tend's to answer.
 */
function asksLike(intent: IntentDefinition, text: string): boolean {
  let words = wordsOfIntent.get(intent);
  if (!words) wordsOfIntent.set(intent, (words = questionWordsOf(intent.examples ?? [])));
  return text
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .map((w) => w.replace(/'s$/, ''))
    .some((w) => w && !filler.has(w) && words.has(w));
}

/** Sure enough to answer; below it, and above `askFrom`, Tend asks which reading was meant. */
export const acceptFrom = 0.6;
export const askFrom = 0.3;

export interface ClarifyOption {
  intent: string;
  args: Record<string, unknown>;
  label: string;
}

/** The intent's call for this text, when its arguments can be read from it and pass its schema. */
function callFor(intent: IntentDefinition, text: string): IntentCall | undefined {
  const raw = intent.fromText ? intent.fromText(phraseOf(text)) : {};
  if (!raw) return undefined;
  const parsed = intent.args.safeParse(raw);
  return parsed.success ? { intent: intent.name, args: parsed.data as Record<string, unknown> } : undefined;
}

/** A reading as a person would say it, for a button: "health Acme", "why Globex". */
export function labelOf(intent: IntentDefinition, args: Record<string, unknown>): string {
  const what = (intent.help?.line.split(':')[0] ?? intent.name.replace(/_/g, ' ')).replace(/\s*\[.*?\]/g, '');
  const account = typeof args.account === 'string' ? args.account : undefined;
  const filled = account ? what.replace(/<account>/, account) : what.replace(/\s*<account>/, '');
  return filled.length > 60 ? `${filled.slice(0, 57)}…` : filled;
}

/**
 * What no rule matched, read by the classifier: its best intent when it is sure and the arguments
 * read; the two or three closest readings to choose from when it is not; else nothing (`unknown`).
 */
export async function readWithClassifier(
  intents: ReadonlyMap<string, IntentDefinition>,
  text: string,
  thresholds: { accept?: number; ask?: number } = {},
): Promise<IntentCall | { intent: 'clarify'; args: { text: string; options: ClarifyOption[] } } | undefined> {
  const phrase = phraseOf(text);
  if (!phrase.text) return undefined;
  const ranked = await classify(intents, phrase.text);
  const accept = thresholds.accept ?? acceptFrom;
  const ask = thresholds.ask ?? askFrom;
  const best = ranked[0];
  if (!best || best.score < ask) return undefined;
  const options = ranked
    .filter((c) => c.score >= ask / 2)
    .slice(0, 3)
    .flatMap((c) => {
      const intent = intents.get(c.intent);
      if (!intent || !asksLike(intent, phrase.text)) return [];
      const call = callFor(intent, phrase.text);
      return call ? [{ ...call, label: labelOf(intent, call.args), score: c.score }] : [];
    });
  if (!options.length) return undefined;
  if (best.score >= accept && options[0]!.intent === best.intent)
    return { intent: options[0]!.intent, args: options[0]!.args };
  return {
    intent: 'clarify',
    args: { text: phrase.text, options: options.map(({ intent, args, label }) => ({ intent, args, label })) },
  };
}
