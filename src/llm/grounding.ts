// Checks a model's wording against the facts it was given: every figure must come from the fact
// sheet (allowing rounding, percent, thousands separators and currency), and every quotation must
// be verbatim from stored feedback. A draft with any violation is not shown as the model's.

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

/** The strings of the facts (for dates and quarter labels the wording may repeat). */
function factStrings(facts: unknown, out: string[] = []): string[] {
  if (typeof facts === 'string') out.push(facts);
  else if (Array.isArray(facts)) for (const f of facts) factStrings(f, out);
  else if (facts && typeof facts === 'object') for (const v of Object.values(facts)) factStrings(v, out);
  return out;
}

const normaliseSpace = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

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
  const strings = factStrings(facts).join('\n');
  rest = rest.replace(isoDate, (d) => {
    if (!strings.includes(d)) violations.push(`date ${d} is not in the facts`);
    return ' ';
  });
  rest = rest.replace(quarter, ' ');
  const allowed = factNumbers(facts);
  let checkedFigures = 0;
  for (const m of rest.matchAll(numberPattern)) {
    const raw = m[0];
    const value = parseNumber(raw);
    const places = decimalsOf(raw);
    const round = (x: number) => Math.round(x * 10 ** places) / 10 ** places;
    const percent = raw.endsWith('%');
    const matches = allowed.some((a) => {
      const candidates = [a, Math.abs(a), ...(percent || Math.abs(a) <= 1 ? [a * 100, Math.abs(a * 100)] : [])];
      return candidates.some((c) => Math.abs(round(c) - value) < 1e-9 || Math.abs(Math.round(c) - value) < 1e-9);
    });
    if (matches) checkedFigures++;
    else violations.push(`figure ${raw.trim()} is not in the facts`);
  }
  return { violations, checkedFigures };
}
