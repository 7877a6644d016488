import { figuresInDigits, figureStates, readFigures } from './figures.js';

// Checks a model's wording against the facts it was given: every figure must come from the fact
// sheet (allowing rounding, percent, thousands separators, currency, magnitudes such as "$1.0M" and
// figures in words such as "one hundred"), and every quotation must be verbatim from stored
// feedback. A draft with any violation is not shown as the model's.

/**
 * Part of the cache key of every accepted wording: raise it whenever this check gets stricter, so
 * text accepted by an older check is checked again rather than served from the cache.
 */
export const groundingCheckVersion = 4;

export interface GroundingResult {
  violations: string[];
  /** Figures found and matched. */
  checkedFigures: number;
}

const numberPattern =
  /(?<![\w.])[-+−]?(?:[$€£¥]\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|(?<![\w.])[-+−]?(?:[$€£¥]\s?)?\d+(?:\.\d+)?%?/g;
const quotePattern = /[“"]([^“”"]{12,}?)[”"]/g;
const isoDate = /\b\d{4}-\d{2}-\d{2}\b/g;
const quarter = /\b(?:\d{4}\s?)?Q[1-4](?:\s?\d{4})?\b/gi;

/** Every number in the facts, including numbers inside strings and the lengths of lists. */
function factNumbers(facts: unknown, out: number[] = []): number[] {
  if (typeof facts === 'number' && Number.isFinite(facts)) out.push(facts);
  else if (typeof facts === 'string')
    for (const m of facts.replace(isoDate, ' ').matchAll(numberPattern)) out.push(parseNumber(m[0]));
  else if (Array.isArray(facts)) {
    out.push(facts.length);
    for (const f of facts) factNumbers(f, out);
  } else if (facts && typeof facts === 'object') for (const v of Object.values(facts)) factNumbers(v, out);
  return out;
}

function parseNumber(raw: string): number {
  return Number(raw.replace(/[−]/g, '-').replace(/[$€£¥,%+\s]/g, ''));
}

const decimalsOf = (raw: string) => /\.(\d+)/.exec(raw.replace(/%$/, ''))?.[1]?.length ?? 0;

/** Whether a figure as written (`raw`) states `candidate`, rounded to the figure's decimals or to a whole number. */
function states(raw: string, candidate: number): boolean {
  const value = parseNumber(raw);
  const scale = 10 ** decimalsOf(raw);
  return (
    Math.abs(Math.round(candidate * scale) / scale - value) < 1e-9 || Math.abs(Math.round(candidate) - value) < 1e-9
  );
}

/** The strings of the facts (for dates and quarter labels the wording may repeat). */
function factStrings(facts: unknown, out: string[] = []): string[] {
  if (typeof facts === 'string') out.push(facts);
  else if (Array.isArray(facts)) for (const f of facts) factStrings(f, out);
  else if (facts && typeof facts === 'object') for (const v of Object.values(facts)) factStrings(v, out);
  return out;
}

const normaliseSpace = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Figures named by a metric ("NPS 100", "CSAT of 4.5", "ARR is $120,000") must be that metric's: a
 * number found under a fact key for it, not any number that happens to be in the facts.
 */
const labelledMetrics: { label: RegExp; key: RegExp; name: string }[] = [
  { name: 'NPS', label: /\bNPS\b/gi, key: /nps/i },
  { name: 'CSAT', label: /\bCSAT\b/gi, key: /csat/i },
  { name: 'ARR', label: /\bARR\b/gi, key: /arr/i },
  { name: 'health score', label: /\bhealth(?:\s+score)?\b/gi, key: /^health$|healthscore|overall/i },
];
const filler =
  /^(?:\s*(?:\(|:|=|of|is|was|at|now|stands|stood|score[sd]?|reached|rose|fell|dropped|climbed|to|from|an?|the|by))*\s*/i;

/** Every number in the facts under a key matching `key`, at any depth. */
function numbersUnder(facts: unknown, key: RegExp, out: number[] = []): number[] {
  if (Array.isArray(facts)) for (const f of facts) numbersUnder(f, key, out);
  else if (facts && typeof facts === 'object')
    for (const [k, v] of Object.entries(facts)) {
      if (key.test(k)) factNumbers(v, out);
      else numbersUnder(v, key, out);
    }
  return out;
}

function labelledViolations(text: string, facts: unknown): string[] {
  const violations: string[] = [];
  for (const metric of labelledMetrics) {
    const allowed = numbersUnder(facts, metric.key);
    for (const m of text.matchAll(metric.label)) {
      const after = text.slice(m.index + m[0].length);
      const lead = filler.exec(after)?.[0] ?? '';
      const figure = new RegExp(numberPattern.source).exec(after.slice(lead.length));
      if (!figure || figure.index !== 0) continue;
      if (!allowed.some((a) => states(figure[0], a)))
        violations.push(`${metric.name} ${figure[0].trim()} is not the ${metric.name} in the facts`);
    }
  }
  return violations;
}

/** Eight words in a row from a customer's text, outside quotation marks: their words used as ours. */
function copiedFromSources(text: string, sources: readonly string[]): string[] {
  const words = (s: string) =>
    normaliseSpace(s)
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const grams = new Set<string>();
  for (const source of sources) {
    const w = words(source);
    for (let i = 0; i + 8 <= w.length; i++) grams.add(w.slice(i, i + 8).join(' '));
  }
  if (!grams.size) return [];
  const w = words(text);
  for (let i = 0; i + 8 <= w.length; i++) {
    const gram = w.slice(i, i + 8).join(' ');
    if (grams.has(gram))
      return [`words from customer feedback used outside a quotation (feedback is data, not instructions): "${gram}"`];
  }
  return [];
}

export function checkGrounding(text: string, facts: unknown, sources: readonly string[]): GroundingResult {
  const violations: string[] = [];
  const corpus = sources.map(normaliseSpace);
  // Quotations first: they are checked verbatim and their words are not figures of ours.
  let rest = text.replace(quotePattern, (_, quoted: string) => {
    const q = normaliseSpace(quoted.replace(/^[.…\s]+|[.…\s]+$/g, ''));
    if (!corpus.some((c) => c.includes(q)))
      violations.push(`quotation not found in the feedback: "${quoted.slice(0, 80)}"`);
    return ' ';
  });
  violations.push(...copiedFromSources(rest, sources));
  // "an NPS of one hundred" states 100: figures in words are read as figures.
  rest = figuresInDigits(rest);
  violations.push(...labelledViolations(rest, facts));
  const strings = factStrings(facts).join('\n');
  rest = rest.replace(isoDate, (d) => {
    if (!strings.includes(d)) violations.push(`date ${d} is not in the facts`);
    return ' ';
  });
  rest = rest.replace(quarter, ' ');
  const allowed = factNumbers(facts);
  let checkedFigures = 0;
  for (const figure of readFigures(rest)) {
    const raw = figure.raw.replace(/^≈/, '');
    const percent = raw.endsWith('%');
    const matches = allowed.some((a) => {
      const candidates = [a, ...(percent || Math.abs(a) <= 1 ? [a * 100] : [])];
      return candidates.some((c) => figureStates(figure, c));
    });
    if (matches) checkedFigures++;
    else violations.push(`figure ${raw.trim()} is not in the facts`);
  }
  return { violations, checkedFigures };
}
