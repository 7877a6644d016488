import type { StatedFact } from '../core/qbr/qbr-fact-ids.js';
import {
  bandClaim,
  bandWords,
  betterWords,
  canonical,
  downWords,
  endAfter,
  endBefore,
  flatWords,
  genericWords,
  lowerIsBetter,
  measureWords,
  multiples,
  multipleWords,
  startAfter,
  startBefore,
  upWords,
  worseWords,
} from './claim-lexicon.js';
import { unstatedIntention } from './client-intentions.js';
import { figuresInDigits, figureStates, readFigures, type WrittenFigure } from './figures.js';

// Reads each clause of a model's paragraph against the facts the paragraph cites. A clause is a
// claim: a measure it names ("active users", "seats", "sponsor approval"), figures, and what it
// says they are and did: a level at the quarter's start or end, a move up or down (in any words:
// "jumped", "plunged", "higher than at its start"), a multiple ("doubled"), no move ("held
// steady"). Each figure must be one of the cited facts, as written (rounded within the precision
// it was written with: "$1.0M", "about 77"), in its unit (a change of points is not "26.2 %"), of
// the measure the clause names, at the end of the quarter it says, moving the way it says. The
// sentence must also not name another account, call the account a band it is not in, state a
// client's intention the facts do not, or be written in another language. Pure: no I/O.

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

export interface ClaimCheckOptions {
  /** The names of the book's other accounts: naming one, or its first word, is another account's claim. */
  otherAccounts?: readonly string[];
  /** The bands the fact sheet gives the account (now and at the quarter's start). */
  bands?: readonly (string | null)[];
  /** The fact sheet's own sentences (risks, recommendations, goals): intentions they state may be repeated. */
  factText?: string;
}

const quotation = /[“"][^“”"]*[”"]/g;
const isoDate = /\b\d{4}-\d{2}-\d{2}\b/g;
const quarterLabel = /\b(?:\d{4}\s?)?Q[1-4](?:\s?\d{4})?\b/gi;
/** Where one claim ends and the next begins inside a sentence. */
const clauseBreak = /[;,:(]|\s[–—-]\s|\b(?:while|but|whereas|and|although|with|yet)\b/gi;

type Unit = '%' | 'currency' | 'days' | 'points' | undefined;

function unitWritten(raw: string, after: string): Unit {
  if (/^\s*(?:percentage points?|pp|points?|pts)\b/i.test(after)) return 'points';
  if (raw.endsWith('%') || /^\s*(?:%|percent\b|per cent\b)/i.test(after)) return '%';
  if (/[$€£¥]/.test(raw) || /^\s*(?:USD|EUR|GBP|dollars|euros|pounds)\b/i.test(after)) return 'currency';
  if (/^\s*days?\b/i.test(after)) return 'days';
  return undefined;
}

const isPercent = (fact: StatedFact) => fact.unit === '%' || fact.unit.includes('%') || fact.unit === 'percent';

function fitsUnit(unit: Unit, fact: StatedFact): boolean {
  // A figure of the core's own sentence is stated as that sentence writes it ("down more than 20 %").
  if (/^(?:risks|recommendations)\./.test(fact.id)) return true;
  switch (unit) {
    case '%':
      // A change is in points: "fell by 26.2 %" claims a relative change Tend never computed.
      return fact.kind === 'level' && isPercent(fact);
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

function statesFact(figure: WrittenFigure, unit: Unit, fact: StatedFact): boolean {
  if (figure.value === 0 && fact.value !== 0 && !figure.hedge) return false;
  if (figureStates(figure, fact.value)) return true;
  return unit === '%' && Math.abs(fact.value) <= 1 && figureStates(figure, fact.value * 100);
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${Math.round(n * 100) / 100}`;
const short = (sentence: string) => (sentence.length > 110 ? `${sentence.slice(0, 107)}…` : sentence);
const normalName = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Where each match of `pattern` is in `text`. */
const matches = (text: string, pattern: RegExp) =>
  [...text.matchAll(new RegExp(pattern.source, 'gi'))].map((m) => ({ word: m[0], index: m.index }));

type Direction = 'up' | 'down' | 'better' | 'worse' | 'flat';

interface Clause {
  text: string;
  /** Where it starts in the sentence. */
  start: number;
  figures: (WrittenFigure & { unit: Unit })[];
  /** Measures named before its first figure (or anywhere when it has none): what the claim is about. */
  subject: string[];
  /** Measures named after its first figure ("8.9% of tickets"): a looser hint. */
  tail: string[];
  /** Direction words with their place in the sentence. */
  moves: { direction: Direction; word: string; index: number }[];
  multiple?: { word: string; ratio: number };
}

/** Foreign function words: a sentence made of them is not the English the draft is written in. */
const foreign =
  /\b(?:le|la|les|des|du|est|et|une|pour|dans|qui|pas|sont|avec|nous|vous|leur|prochain|der|die|das|und|ist|nicht|wir|sie|ein|eine|dem|für|nächsten|monat|wird|el|los|las|del|una|por|para|con|mes|próximo|está|va|sus|kündigen|résilier|cancelar)\b/gi;
const english = /\b(?:the|and|of|to|in|is|at|with|for|from|this|its|by|was|are|on)\b/gi;

export function checkClaims(
  paragraphs: readonly CitedParagraph[],
  index: readonly StatedFact[],
  options: ClaimCheckOptions = {},
): ClaimCheck {
  const byId = new Map(index.map((f) => [f.id, f]));
  const entity = index[0]?.entity ?? '';
  const entityWords = new Set(wordsOf(entity));
  const keywordsOf = new Map(index.map((f) => [f.id, new Set(f.keywords.map(canonical))]));
  // Risks and recommendations are the core's sentences: their words are not names of measures.
  const isSentence = (f: StatedFact) => /^(?:risks|recommendations)\./.test(f.id);
  const known = new Set([
    ...index.filter((f) => !isSentence(f)).flatMap((f) => f.keywords.map(canonical)),
    ...[...measureWords].map(canonical),
  ]);
  const others = new Set(
    (options.otherAccounts ?? []).map(normalName).filter((n) => n.length >= 4 && n !== normalName(entity)),
  );
  // "Like Umbrella, …": the first word of another account's name, written as a name.
  const otherFirstWords = new Set(
    [...others]
      .map((n) => n.split(' ')[0]!)
      .filter((w) => w.length >= 4 && !entityWords.has(w) && !known.has(canonical(w)) && !commonWords.has(w)),
  );
  const longestOther = Math.max(1, ...[...others].map((n) => n.split(' ').length));
  // The band now, then the band at the quarter's start.
  const bands = (options.bands ?? []).filter((b): b is string => !!b).map((b) => b.toLowerCase());
  const bandSynonyms = (b: string | undefined) => (b ? (bandWords[b] ?? [b]) : []);
  const nowBandWords = new Set(bandSynonyms(bands[0]));
  const anyBandWords = new Set(bands.flatMap(bandSynonyms));
  const factText = `${index.map((f) => f.label).join('. ')}. ${options.factText ?? ''}`;
  const factSentences = normalName(options.factText ?? '');
  /** The start and end of the move each fact belongs to, for "doubled" and "halved". */
  const moveOf = (f: StatedFact) => {
    const base = f.id.replace(/\.(?:start|end|change)$/, '');
    const start = byId.get(`${base}.start`)?.value;
    const end = byId.get(`${base}.end`)?.value;
    return start !== undefined && end !== undefined ? { start, end } : undefined;
  };
  const changeOf = (f: StatedFact) => (f.kind === 'change' ? f.value : (f.change ?? undefined));
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
    for (const written of prose.split(/(?<=[.!?])\s+/).filter((s) => s.trim())) {
      const sentence = figuresInDigits(written);
      const problem = (what: string) => violations.push(`${paragraph.section}: "${short(written)}" ${what}`);

      // Whose claim: another account's name, or its first word written as a name.
      const words = normalName(sentence).split(' ');
      let namedOther: string | undefined;
      for (let n = longestOther; n >= 1 && !namedOther; n--)
        for (let i = 0; i + n <= words.length && !namedOther; i++) {
          const phrase = words.slice(i, i + n).join(' ');
          if (others.has(phrase)) namedOther = phrase;
        }
      namedOther ??= [...otherFirstWords].find((w) =>
        new RegExp(`\\b${w[0]!.toUpperCase()}${w.slice(1)}\\b`).test(sentence),
      );
      if (namedOther) problem(`names ${namedOther}, another account; this review is about ${entity}`);

      // The core's own sentence (a risk or recommendation repeated as written) says what the facts say.
      const ours = normalName(sentence).length > 12 && factSentences.includes(normalName(sentence));
      const foreignWords = ours ? 0 : matches(sentence, foreign).length;
      const englishWords = matches(sentence, english).length;
      if ((foreignWords >= 3 && foreignWords > englishWords) || (foreignWords >= 2 && englishWords === 0))
        problem('is not in English, the language of the draft');

      const intention = ours ? undefined : unstatedIntention(sentence, factText);
      if (intention) problem(intention);

      for (const b of sentence.matchAll(new RegExp(bandClaim.source, 'gi'))) {
        const band = b[2]!.toLowerCase();
        if (nowBandWords.size && !(b[1] ? anyBandWords : nowBandWords).has(band))
          problem(
            `calls the account ${band}, but its band is ${bands[0]}${bands[1] ? ` (${bands[1]} at the start)` : ''}`,
          );
      }

      const clauses = clausesOf(sentence, known);
      let previous: Clause | undefined;
      for (const clause of clauses) {
        // A clause without its own measure is about the one before ("…, down 0.9 points", "…, higher than at its start").
        const subject = clause.subject.length ? clause.subject : (previous?.subject ?? []);
        const moves = clause.moves.length || clause.subject.length ? clause.moves : (previous?.moves ?? []);
        const multiple = clause.multiple ?? (clause.subject.length ? undefined : previous?.multiple);
        /** Every measure the clause names is one of the fact's; without one, a measure after the figure will do. */
        const strictly = (f: StatedFact, label: readonly string[] = subject) => {
          const words = keywordsOf.get(f.id)!;
          if (label.length) return label.every((w) => words.has(w));
          return !clause.tail.length || clause.tail.some((w) => words.has(w));
        };
        /** The move the clause states for a figure at `at` in the sentence: the nearest word before it, else after. */
        const moveAt = (at: number) => {
          const before = moves.filter((m) => m.index < at);
          return before.at(-1) ?? moves.find((m) => m.index >= at);
        };
        const agrees = (f: StatedFact, move: ReturnType<typeof moveAt>) => {
          const d = changeOf(f);
          if (!move || d === undefined || d === null) return true;
          const better = !lowerIsBetter.test(f.label);
          switch (move.direction) {
            case 'up':
              return d > 0;
            case 'down':
              return d < 0;
            case 'better':
              return better ? d > 0 : d < 0;
            case 'worse':
              return better ? d < 0 : d > 0;
            case 'flat': {
              const level = moveOf(f)?.end ?? Math.abs(d);
              return Math.abs(d) <= Math.max(0.1, Math.abs(level) * 0.02);
            }
          }
        };
        const multipleHolds = (f: StatedFact) => {
          if (!multiple) return true;
          const m = moveOf(f);
          if (!m || m.start === 0) return false;
          const ratio = m.end / m.start;
          return Math.abs(ratio - multiple.ratio) <= multiple.ratio * 0.1;
        };

        if (!clause.figures.length) {
          // A claim without a figure still says how a named measure moved: "Meetings doubled".
          if (ours || !clause.subject.length || (!clause.moves.length && !clause.multiple)) {
            previous = clause;
            continue;
          }
          const named = (cited.some((f) => strictly(f)) ? cited : index).filter((f) => strictly(f));
          const pool = named.filter((f) => changeOf(f) !== undefined && changeOf(f) !== null);
          if (!named.length)
            problem(
              `says ${(clause.moves[0] ?? clause.multiple)!.word} of ${clause.subject.join(' ')}, which the fact sheet has no figure for`,
            );
          else if (pool.length) {
            const move = clause.moves[0];
            if (move && !pool.some((f) => agrees(f, move)))
              problem(`says ${move.word}, but ${pool[0]!.label} moved ${signed(changeOf(pool[0]!)!)} (${pool[0]!.id})`);
            else if (clause.multiple && !pool.some(multipleHolds)) {
              const m = moveOf(pool[0]!);
              problem(
                `says ${clause.multiple.word}, but ${pool[0]!.label} went from ${m?.start ?? '?'} to ${m?.end ?? '?'}`,
              );
            }
          }
          previous = clause;
          continue;
        }

        for (const figure of clause.figures) {
          const raw = figure.raw;
          const unit = figure.unit;
          const byValue = cited.filter((f) => statesFact(figure, unit, f));
          if (!byValue.length) {
            const elsewhere = index.find((f) => statesFact(figure, unit, f));
            problem(
              elsewhere
                ? `states ${raw}, which is ${elsewhere.label} (${elsewhere.id}); the paragraph does not cite it`
                : `states ${raw}, which is not among the facts it cites`,
            );
            continue;
          }
          const withUnit = byValue.filter((f) => fitsUnit(unit, f));
          if (!withUnit.length) {
            const f = byValue[0]!;
            problem(
              unit === '%' && f.kind === 'change'
                ? `writes ${raw}% for a change of ${signed(f.value)} points in ${f.label} (${f.id}): a change in points is not a relative change`
                : `writes ${raw} as ${unit}, but ${f.label} (${f.id}) is in ${f.unit}`,
            );
            continue;
          }
          const signedRight = withUnit.filter((f) => !figure.negative || f.value < 0 || changeOf(f) === undefined);
          if (!signedRight.length) {
            problem(
              `writes -${raw.replace(/^[-−]/, '')}, but ${withUnit[0]!.label} moved ${signed(changeOf(withUnit[0]!)!)}`,
            );
            continue;
          }
          const before = sentence.slice(0, figure.index);
          const after = sentence.slice(figure.end);
          // "3 comments": the measure right after a figure is its own; after a preposition ("across
          // the 3 comments") it is the only one, else it joins the clause's ("reached 4 meetings").
          const next = /^\s*(?:%|percent|per cent|(?:percentage )?points?|pts)?\s*([a-z]+)/i.exec(after)?.[1];
          const own = next && known.has(canonical(next)) && !genericWords.has(canonical(next)) ? [canonical(next)] : [];
          const label = !own.length
            ? subject
            : /\b(?:across|of|from|over|among|in|on|with|after|for|between)\s+(?:the\s+|all\s+|its\s+|their\s+)?$/i.test(
                  before,
                ) || !subject.length
              ? own
              : [...new Set([...subject, ...own])];
          const asNamed = signedRight.filter((f) => strictly(f, label));
          if (!asNamed.length) {
            const named = (label.length ? label : clause.tail).join(' ');
            problem(`gives ${raw} as ${named}, but ${raw} is ${signedRight[0]!.label} (${signedRight[0]!.id})`);
            continue;
          }
          const role =
            startBefore.test(before) || startAfter.test(after)
              ? 'start'
              : endBefore.test(before) || endAfter.test(after)
                ? 'end'
                : undefined;
          const atRole = asNamed.filter((f) => !role || !/\.(?:start|end)$/.test(f.id) || f.id.endsWith(`.${role}`));
          if (!atRole.length) {
            const f = asNamed[0]!;
            problem(
              `gives ${raw} as ${f.label} at the ${role} of the quarter, but ${raw} is its value at the ${role === 'end' ? 'start' : 'end'} (${f.id})`,
            );
            continue;
          }
          const move = moveAt(figure.index);
          const right = atRole.filter((f) => agrees(f, move));
          if (!right.length) {
            const f = atRole[0]!;
            const d = changeOf(f)!;
            problem(`says ${move!.word}, but ${f.label} moved ${d === 0 ? 'not at all' : signed(d)} (${f.id})`);
            continue;
          }
          if (multiple && !right.some(multipleHolds)) {
            const m = moveOf(right[0]!);
            problem(`says ${multiple.word}, but ${right[0]!.label} went from ${m?.start ?? '?'} to ${m?.end ?? '?'}`);
            continue;
          }
          checkedFigures++;
        }
        previous = clause;
      }
    }
  }
  return { violations, checkedFigures };
}

/** Words too common to be another account's name when written with a capital. */
const commonWords = new Set(
  'global united first general national international american north south east west new blue green red summit health labs group data cloud digital partners systems solutions industries corp bank capital'.split(
    ' ',
  ),
);

const moveLike = (word: string) =>
  new RegExp(`^(?:${upWords.source}|${downWords.source})$`, 'i').test(word) ||
  /^(?:gain|growth|increase|decline|drop)$/.test(word);

/** A sentence cut into claims, each with its figures, the measures it names and the moves it states. */
function clausesOf(sentence: string, known: ReadonlySet<string>): Clause[] {
  const cuts = [0, ...matches(sentence, clauseBreak).map((m) => m.index + m.word.length), sentence.length];
  const figures = readFigures(sentence).map((f) => ({ ...f, unit: unitWritten(f.raw, sentence.slice(f.end)) }));
  const clauses: Clause[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (end <= start) continue;
    const text = sentence.slice(start, end);
    const own = figures.filter((f) => f.index >= start && f.index < end);
    const firstAt = own[0] ? own[0].index - start : text.length;
    // A word that is also a move ("gain", "growth") names a measure only after a word of its label
    // ("efficiency gains"): "a gain of 2.5 points" is a move.
    const measures = (part: string) => {
      const words = wordsOf(part).map(canonical);
      return [
        ...new Set(
          words.filter(
            (w, i) =>
              known.has(w) &&
              !genericWords.has(w) &&
              (!moveLike(w) || (i > 0 && known.has(words[i - 1]!) && !genericWords.has(words[i - 1]!))),
          ),
        ),
      ];
    };
    const moves: Clause['moves'] = [];
    for (const [pattern, direction] of [
      [upWords, 'up'],
      [downWords, 'down'],
      [betterWords, 'better'],
      [worseWords, 'worse'],
      [flatWords, 'flat'],
    ] as const)
      for (const m of matches(text, pattern))
        // "Efficiency gains", "growth": a measure's own name says nothing of its move.
        if (!known.has(canonical(m.word))) moves.push({ direction, word: m.word, index: start + m.index });
    moves.sort((a, b) => a.index - b.index);
    const multipleWord = matches(text, multipleWords)[0]?.word;
    const clause: Clause = {
      text,
      start,
      figures: own,
      subject: measures(text.slice(0, firstAt)),
      tail: measures(text.slice(firstAt)),
      moves,
      ...(multipleWord ? { multiple: { word: multipleWord, ratio: multiples[multipleWord.toLowerCase()]! } } : {}),
    };
    // Neither a figure nor a measure: it says more about the claim before it ("…, higher than at its start").
    const last = clauses.at(-1);
    if (last && !own.length && !clause.subject.length) {
      last.text += text;
      last.moves.push(...moves);
      last.multiple ??= clause.multiple;
    } else clauses.push(clause);
  }
  return clauses;
}
