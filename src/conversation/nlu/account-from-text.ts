import { stripAccount } from '../phrases.js';

// What is left of a question once the words that ask it are read: the account it names. Used after
// the classifier chose an intent; the account itself is matched forgivingly later (typos, legal forms).

/** Words any question has; they say nothing about which question it is. */
export const filler = new Set(
  `a an the of for at on in with to about from by is are was were be been do does did doing has have had
  me my our we us you your i it its this that these those please can could would will should show give
  get let know what whats what's how hows how's who whos who's when where which why any anything some
  there their them they now today lately recently currently again also just quick quickly`.split(/\s+/),
);

const clean = (w: string) => w.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9']+$/g, '');

/**
 * The span of the text between the leading and trailing words that belong to the question (its
 * intent's example words, or common filler), or undefined when nothing is left.
 */
export function accountFromText(text: string, questionWords: ReadonlySet<string>): string | undefined {
  const words = text
    .replace(/[?!.]+$/, '')
    .split(/\s+/)
    .filter(Boolean);
  const asks = (w: string) => {
    const c = clean(w).replace(/'s$/, '');
    return !c || filler.has(c) || questionWords.has(c);
  };
  // A name as written ("Prestige Media", "Vandelay Logistics"): the longest run of capitalised words
  // after the first word (which a sentence capitalises anyway), when the text has one.
  const capitalised = (w: string) => /^[A-Z0-9][\w&.'’-]*$/.test(w) && !filler.has(clean(w));
  let best: [number, number] | undefined;
  for (let a = 1; a < words.length; a++) {
    if (!capitalised(words[a]!)) continue;
    let b = a;
    while (b < words.length && capitalised(words[b]!)) b++;
    if (!best || b - a >= best[1] - best[0]) best = [a, b];
    a = b;
  }
  let i = best ? best[0] : 0;
  let j = best ? best[1] : words.length;
  while (!best && i < j && asks(words[i]!)) i++;
  while (!best && j > i && asks(words[j - 1]!)) j--;
  const span = words
    .slice(i, j)
    .join(' ')
    .replace(/'s$/i, '')
    .replace(/[,;:]+$/, '');
  return span ? stripAccount(span) || undefined : undefined;
}

/** The lower-case words of an intent's examples, without placeholders: the words that ask, not name. */
export function questionWordsOf(examples: readonly string[]): Set<string> {
  return new Set(
    examples.flatMap((e) =>
      e
        .replace(/\{\w+\}/g, ' ')
        .toLowerCase()
        .split(/[^a-z0-9']+/)
        .map((w) => w.replace(/'s$/, ''))
        .filter(Boolean),
    ),
  );
}

/** `fromText` for intents whose one argument is the account: what is left of the question. */
export function accountArg(examples: readonly string[]): (phrase: { text: string }) => { account: string } | undefined {
  const words = questionWordsOf(examples);
  return (phrase) => {
    const account = accountFromText(phrase.text, words);
    return account ? { account } : undefined;
  };
}
