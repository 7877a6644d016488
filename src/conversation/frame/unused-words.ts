import { filler, questionWordsOf } from '../nlu/account-from-text.js';
import type { QuestionFrame } from './question-frame.js';

/** Words every question about the book uses besides its intent's: they ask, they do not scope. */
const common = new Set(
  `accounts account customers customer clients client list show tell give all everyone company our team mine
  many much number count total and or but so ok okay thanks thank please only just same ones one those these
  break down split group per each by over under above below than more less next last past this that days day
  weeks week months month quarter quarters year years q1 q2 q3 q4 end before after since until soon`.split(/\s+/),
);

/**
 * The content words of a question that neither its frame, its intent's wording nor its account
 * accounts for: what `tend ask --json` reports as not understood.
 */
export function unusedWords(
  text: string,
  frame: QuestionFrame | undefined,
  intentExamples: readonly string[],
  account?: string,
): string[] {
  const used = new Set<string>();
  const add = (s: string | undefined) =>
    s
      ?.toLowerCase()
      .split(/[^a-z0-9']+/)
      .forEach((w) => w && used.add(w.replace(/'s$/, '')));
  if (frame) {
    add(frame.owner?.words);
    add(frame.regions?.words);
    add(frame.segment?.words);
    add(frame.tiers?.words);
    add(frame.industry?.words);
    add(frame.period?.words);
    add(frame.groupBy?.words);
    frame.thresholds?.forEach((t) => add(t.words));
  }
  add(account);
  const asks = questionWordsOf(intentExamples);
  return [
    ...new Set(
      text
        .toLowerCase()
        .replace(/<@[^>]+>/g, ' ')
        .split(/[^a-z0-9'-]+/)
        .map((w) => w.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
        .filter((w) => w.length > 1 && !/^\d+[km]?$/.test(w))
        .filter((w) => !filler.has(w) && !common.has(w) && !asks.has(w) && !used.has(w)),
    ),
  ];
}
