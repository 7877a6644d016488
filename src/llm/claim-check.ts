import type { StatedFact } from '../core/qbr/qbr-fact-ids.js';

// Reads each figure of a model's paragraph against the facts that paragraph cites: the value (as
// written, rounded), its unit, the thing the sentence names it as, the direction it says the thing
// moved, and whose figure it is. "Usage rose to 62%" is refused when 62% is support satisfaction,
// when usage fell, or when 62 is another account's number: each is a true figure in a false claim.

export interface CitedParagraph {
  /** Which part of the document, for the problem's wording: "executiveSummary". */
  section: string;
  text: string;
  /** Ids of the facts (qbr-fact-ids.ts) the paragraph states. */
  facts: string[];
}

export interface ClaimCheck {
  violations: string[];
  checkedFigures: number;
}

const figurePattern =
  /(?<![\w.])[-+−]?(?:[$€£¥]\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|(?<![\w.])[-+−]?(?:[$€£¥]\s?)?\d+(?:\.\d+)?%?/g;
const quotation = /[“"][^“”"]*[”"]/g;
const isoDate = /\b\d{4}-\d{2}-\d{2}\b/g;
const quarterLabel = /\b(?:\d{4}\s?)?Q[1-4](?:\s?\d{4})?\b/gi;
const rise =
  /\b(?:rose|rise[sn]?|rising|increased?|increasing|grew|grow(?:n|s|ing)?|climbed|improved|improving|up|gained|higher|recovered)\b/gi;
const fall =
  /\b(?:fell|falls?|fallen|falling|dropped|drops?|declined|declining|decreased?|decreasing|down|lower|slipped|worsened|lost|shrank)\b/gi;
/** Where one claim ends and the next begins inside a sentence. */
const clauseBreak = /[;,:(]|\b(?:while|but|whereas|and|although|with)\b/gi;

const parseFigure = (raw: string) => Number(raw.replace(/[−]/g, '-').replace(/[$€£¥,%+\s]/g, ''));
const decimalsOf = (raw: string) => /\.(\d+)/.exec(raw.replace(/%$/, ''))?.[1]?.length ?? 0;

/** Whether the figure as written states `value`, rounded to the figure's decimals or a whole number. */
function states(raw: string, value: number): boolean {
  const written = Math.abs(parseFigure(raw));
  const scale = 10 ** decimalsOf(raw);
  const v = Math.abs(value);
  return Math.abs(Math.round(v * scale) / scale - written) < 1e-9 || Math.abs(Math.round(v) - written) < 1e-9;
}

type Unit = '%' | 'currency' | 'days' | 'points' | 'count' | undefined;

function unitWritten(raw: string, after: string): Unit {
  if (raw.endsWith('%') || /^\s*(?:percent|per cent)\b/i.test(after)) return '%';
  if (/[$€£¥]/.test(raw) || /^\s*(?:USD|EUR|GBP|dollars|euros|pounds)\b/i.test(after)) return 'currency';
  if (/^\s*days?\b/i.test(after)) return 'days';
  if (/^\s*(?:points?|pts)\b/i.test(after)) return 'points';
  return undefined;
}

function fitsUnit(unit: Unit, fact: StatedFact): boolean {
  switch (unit) {
    case undefined:
      return true;
    case '%':
      return fact.unit === '%' || fact.unit.includes('%') || fact.unit === 'percent';
    case 'currency':
      return fact.unit === 'currency';
    case 'days':
      return fact.unit === 'days';
    case 'points':
      return fact.kind === 'change' || fact.unit === 'score' || fact.unit === 'points';
    default:
      return true;
  }
}

/** Whether `value` as written states the fact: a share (0..1) may be written as a percentage. */
function statesFact(raw: string, unit: Unit, fact: StatedFact): boolean {
  if (states(raw, fact.value)) return true;
  return unit === '%' && Math.abs(fact.value) <= 1 && states(raw, fact.value * 100);
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;
const short = (sentence: string) => (sentence.length > 110 ? `${sentence.slice(0, 107)}…` : sentence);
const normalName = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Plural and singular as one word: "escalations" names the escalation rate. */
const stem = (w: string) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
const stems = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(stem);

/** The last match of `pattern` in `text`, or undefined. */
function lastMatch(text: string, pattern: RegExp): { word: string; index: number } | undefined {
  let found: { word: string; index: number } | undefined;
  for (const m of text.matchAll(new RegExp(pattern.source, 'gi'))) found = { word: m[0], index: m.index };
  return found;
}

export function checkClaims(
  paragraphs: readonly CitedParagraph[],
  index: readonly StatedFact[],
  options: { otherAccounts?: readonly string[] } = {},
): ClaimCheck {
  const byId = new Map(index.map((f) => [f.id, f]));
  const entity = index[0]?.entity ?? '';
  const others = new Set(
    (options.otherAccounts ?? []).map(normalName).filter((n) => n.length >= 4 && n !== normalName(entity)),
  );
  const longestOther = Math.max(1, ...[...others].map((n) => n.split(' ').length));
  const allKeywords = new Set(index.flatMap((f) => f.keywords.map(stem)));
  const violations: string[] = [];
  let checkedFigures = 0;

  for (const paragraph of paragraphs) {
    const cited: StatedFact[] = [];
    for (const id of paragraph.facts) {
      const fact = byId.get(id);
      if (fact) cited.push(fact);
      else violations.push(`${paragraph.section}: cites "${id}", which is not a fact id of this fact sheet`);
    }
    const prose = paragraph.text.replace(quotation, ' ').replace(isoDate, ' ').replace(quarterLabel, ' ');
    for (const sentence of prose.split(/(?<=[.!?])\s+/).filter((s) => s.trim())) {
      const words = normalName(sentence).split(' ');
      named: for (let n = longestOther; n >= 1; n--)
        for (let i = 0; i + n <= words.length; i++) {
          const phrase = words.slice(i, i + n).join(' ');
          if (others.has(phrase)) {
            violations.push(
              `${paragraph.section}: "${short(sentence)}" names ${phrase}, another account; this review is about ${entity}`,
            );
            break named;
          }
        }
      for (const m of sentence.matchAll(figurePattern)) {
        const raw = m[0].trim();
        const before = sentence.slice(0, m.index);
        const after = sentence.slice(m.index + m[0].length);
        const unit = unitWritten(raw, after);
        const byValue = cited.filter((f) => statesFact(raw, unit, f));
        if (!byValue.length) {
          const elsewhere = index.find((f) => statesFact(raw, unit, f));
          violations.push(
            elsewhere
              ? `${paragraph.section}: "${short(sentence)}" states ${raw}, which is ${elsewhere.label} (${elsewhere.id}); the paragraph does not cite it`
              : `${paragraph.section}: "${short(sentence)}" states ${raw}, which is not among the facts it cites`,
          );
          continue;
        }
        const withUnit = byValue.filter((f) => fitsUnit(unit, f));
        if (!withUnit.length) {
          violations.push(
            `${paragraph.section}: "${short(sentence)}" writes ${raw} as ${unit}, but ${byValue[0]!.label} (${byValue[0]!.id}) is in ${byValue[0]!.unit}`,
          );
          continue;
        }
        // The claim this figure belongs to: from the last clause break before it to the next after it.
        const clauseStart = lastMatch(before, clauseBreak);
        const clause = clauseStart ? before.slice(clauseStart.index + clauseStart.word.length) : before;
        const clauseEnd = new RegExp(clauseBreak.source, 'i').exec(after);
        const tail = clauseEnd ? after.slice(0, clauseEnd.index) : after;
        const named = stems(`${clause} ${tail}`).filter((w) => allKeywords.has(w));
        const asNamed = named.length
          ? withUnit.filter((f) => f.keywords.some((k) => named.includes(stem(k))))
          : withUnit;
        if (!asNamed.length) {
          violations.push(
            `${paragraph.section}: "${short(sentence)}" gives ${raw} as ${named.join(' ')}, but ${raw} is ${withUnit[0]!.label} (${withUnit[0]!.id})`,
          );
          continue;
        }
        const up = lastMatch(clause, rise);
        const down = lastMatch(clause, fall);
        const direction = up && (!down || up.index > down.index) ? 'up' : down ? 'down' : undefined;
        const moved = (f: StatedFact) => (f.kind === 'change' ? f.value : (f.change ?? undefined));
        const agrees = (f: StatedFact) => {
          const d = moved(f);
          if (!direction || d === undefined) return true;
          return direction === 'up' ? d > 0 : d < 0;
        };
        const right = asNamed.filter(agrees);
        if (!right.length) {
          const f = asNamed[0]!;
          const d = moved(f)!;
          violations.push(
            `${paragraph.section}: "${short(sentence)}" says ${(direction === 'up' ? up : down)!.word}, but ${f.label} moved ${d === 0 ? 'not at all' : signed(d)} (${f.id})`,
          );
          continue;
        }
        checkedFigures++;
      }
    }
  }
  return { violations, checkedFigures };
}
