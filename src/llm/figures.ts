// How a figure is written in prose, read back into a number and the precision it was stated with:
// "77.4", "$1,013,955", "$1.0M", "about 77", "nearly 80", and figures in words ("one hundred",
// "twenty-five percent", "a third of"). The grounding and claim checks share it, so a figure a
// model spells out or rounds is checked like one written in digits.

export interface WrittenFigure {
  /** As it appears in the text read (after figures in words were turned into digits). */
  raw: string;
  /** Where it starts and ends in that text. */
  index: number;
  end: number;
  /** The number written, magnitudes applied: "$1.0M" is 1,000,000. */
  value: number;
  /** A hedge before it ("about", "nearly", "over"; a fraction): how far from the written value the truth may be. */
  hedge?: 'about' | 'below' | 'above' | 'fraction';
  /** Written with a magnitude word or letter ("M", "million", "k"), so its precision is coarse. */
  scale: number;
  /** Decimals written (of the number before any magnitude). */
  decimals: number;
  /** A minus sign or "−" written before it. */
  negative: boolean;
}

const units: Record<string, number> = {
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const magnitudes: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1e9 };
const numberWord = `(?:${[...Object.keys(units), ...Object.keys(tens), 'one', ...Object.keys(magnitudes)].join('|')})`;
/** A run of number words: "one hundred", "twenty-five", "three hundred and thirty-two". */
const numberWords = new RegExp(`\\b${numberWord}(?:(?:[\\s-]+|\\s+and\\s+)${numberWord})*\\b`, 'gi');

/** The number a run of number words states, or undefined for a lone "one" (a pronoun as often as not). */
function wordsToNumber(run: string): number | undefined {
  const words = run
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== 'and');
  if (words.length === 1 && words[0] === 'one') return undefined;
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w === 'one') current += 1;
    else if (w in units) current += units[w]!;
    else if (w in tens) current += tens[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else {
      total += (current || 1) * magnitudes[w]!;
      current = 0;
    }
  }
  return total + current;
}

// A fraction is a coarse figure: "≈" marks it, and it states a share within 3 points.
const fractions: [RegExp, string][] = [
  [/\b(?:by|in) (?:a )?half\b/gi, 'halved'],
  [/\btwo[\s-]thirds\b/gi, '≈66.7%'],
  [/\bthree[\s-]quarters of\b/gi, '≈75% of'],
  [/\b(?:a|one)[\s-]third\b/gi, '≈33.3%'],
  [/\b(?:a|one)[\s-]quarter of\b/gi, '≈25% of'],
  [/\bby (?:a|one)[\s-]quarter\b/gi, 'by ≈25%'],
  [/\b(?:a|one)[\s-]fifth\b/gi, '≈20%'],
  [/\b(?:a|one)[\s-]tenth\b/gi, '≈10%'],
  [/(?<!\b(?:first|second|latter|former|last|other|the|this|that)\s)\b(?:a |one )?half (?:of|the)\b/gi, '≈50% of'],
];

/**
 * The text with figures written in words turned into digits ("an NPS of one hundred" → "an NPS of
 * 100", "a third of seats" → "33.3% of seats", "fell by half" → "fell halved"). A lone "one" stays a
 * word: "one customer wrote" is not a figure claim.
 */
export function figuresInDigits(text: string): string {
  // "two or three goals" is advice, not a count Tend computed.
  let out = text.replace(new RegExp(`\\b${numberWord}\\s+(?:or|to)\\s+${numberWord}\\b`, 'gi'), 'a few');
  for (const [pattern, digits] of fractions) out = out.replace(pattern, digits);
  out = out.replace(numberWords, (run) => {
    const n = wordsToNumber(run);
    return n === undefined ? run : String(n);
  });
  return out.replace(/\b(\d+(?:\.\d+)?)\s+(?:percent|per cent)\b/gi, '$1%');
}

const figurePattern =
  /(?<![\w.])([-+−]?)((?:[$€£¥]\s?)?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(k|K|m|M|bn|BN|million|thousand|billion)\b)?(%?)/g;
const magnitudeOf: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};
const hedges: [RegExp, WrittenFigure['hedge']][] = [
  [/≈\s*$/, 'fraction'],
  [/\b(?:nearly|almost|just under|under|less than|below|close to)\s*$/i, 'below'],
  [/\b(?:over|more than|above|just over|upwards of)\s*$/i, 'above'],
  [/\b(?:about|around|roughly|approximately|some|circa|approx\.?|~)\s*$/i, 'about'],
];

/** Every figure written in `text` (digits; run figuresInDigits first for words). */
export function readFigures(text: string): WrittenFigure[] {
  const out: WrittenFigure[] = [];
  for (const m of text.matchAll(figurePattern)) {
    const [raw, sign, currency, digits, magnitude] = m;
    // "m" after a number is metres or minutes as often as millions: only with a currency sign.
    const mag = magnitude && (currency || magnitude.length > 1) ? magnitudeOf[magnitude.toLowerCase()]! : 1;
    const rawFigure = mag === 1 && magnitude ? raw.slice(0, raw.length - magnitude.length).trimEnd() : raw;
    const number = Number(digits!.replace(/,/g, ''));
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    const hedge = hedges.find(([p]) => p.test(before))?.[1];
    out.push({
      raw: rawFigure,
      index: m.index,
      end: m.index + rawFigure.length,
      value: number * mag,
      scale: mag,
      decimals: /\.(\d+)/.exec(digits!)?.[1]?.length ?? 0,
      negative: sign === '-' || sign === '−',
      ...(hedge ? { hedge } : {}),
    });
  }
  return out;
}

/**
 * Whether a written figure states `value` within the precision it was written with: rounded to its
 * decimals (of its magnitude: "$1.0M" is 1,013,955 to a tenth of a million) or to a whole number;
 * with a hedge, to the last significant digit written ("about 77", "nearly 80" for 77.4), on the
 * side the hedge says ("nearly 80" is not 82).
 */
export function figureStates(figure: WrittenFigure, value: number): boolean {
  const v = Math.abs(value);
  const written = figure.value;
  const step = figure.scale * 10 ** -figure.decimals;
  const rounded = (s: number) => Math.abs(Math.round(v / s) * s - written) < 1e-9 * Math.max(1, written);
  if (rounded(step) || (figure.scale === 1 && rounded(1))) return true;
  if (!figure.hedge) return false;
  if (figure.hedge === 'fraction') return Math.abs(v - written) <= 3;
  // "about 26,000" for 25,793: within 3% of what is written. "roughly 30K" is not.
  if (figure.hedge === 'about') return Math.abs(v - written) <= written * 0.03 + 1e-9;
  // "nearly 80" for 77.4, "just under 50%" for 48.9: within the last significant digit written
  // (tens at most for two digits: "nearly 80", not "nearly 100"), on the side the hedge says.
  let significant = step;
  if (figure.decimals === 0) {
    const digits = String(Math.round(written / figure.scale));
    const zeros = /0*$/.exec(digits)![0].length;
    significant = figure.scale * 10 ** Math.min(zeros, Math.max(1, digits.length - 2));
  }
  // …and "nearly" within 5% of it: "nearly 70" is not 66.1 ("over 70" is 77.4, though).
  const within = figure.hedge === 'below' ? Math.min(significant, written * 0.05) : significant;
  if (Math.abs(v - written) > within + 1e-9) return false;
  return figure.hedge === 'below' ? v <= written + 1e-9 : v >= written - 1e-9;
}
