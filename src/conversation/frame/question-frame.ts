import { z } from 'zod';
import { readPeriod } from '../../core/lifecycle/calendar-period.js';

// One typed frame per question: whose accounts, which region, segment, tier or industry, which
// calendar period, which thresholds and grouping. Read from the whole message with the book's
// vocabulary, so a scope word is either applied by the answer or named as not applied, never dropped.

const words = z.string().min(1).max(200);

export const ownerScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('me'), words }),
  z.object({ kind: z.literal('team'), words }),
  z.object({ kind: z.literal('person'), id: z.string(), name: z.string(), words }),
]);

export const questionFrame = z.object({
  owner: ownerScope.optional(),
  regions: z.object({ values: z.array(z.string()).min(1), words }).optional(),
  segment: z.object({ value: z.string(), words }).optional(),
  tiers: z.object({ values: z.array(z.string()).min(1), words }).optional(),
  industry: z.object({ value: z.string(), words }).optional(),
  period: z
    .object({
      from: z.string(),
      to: z.string(),
      label: z.string(),
      words,
      direction: z.enum(['back', 'forward', 'span']),
    })
    .optional(),
  thresholds: z
    .array(z.object({ field: z.enum(['arr', 'health']), op: z.enum(['over', 'under']), value: z.number(), words }))
    .optional(),
  groupBy: z.object({ by: z.enum(['region', 'owner', 'segment', 'tier', 'industry']), words }).optional(),
});
export type QuestionFrame = z.output<typeof questionFrame>;

/** The parts of a frame's scope, as answers declare which they apply. */
export type ScopePart = 'owner' | 'regions' | 'segment' | 'tiers' | 'industry' | 'period' | 'thresholds' | 'groupBy';
export const scopeParts: ScopePart[] = [
  'owner',
  'regions',
  'segment',
  'tiers',
  'industry',
  'period',
  'thresholds',
  'groupBy',
];

export interface FrameVocabulary {
  people: { id: string; name: string }[];
  regions: string[];
  segments: string[];
  tiers: string[];
  industries: string[];
}

/** How people shorten regions, tiers and industries. */
const regionWords: Record<string, string[] | 'intl'> = {
  emea: ['EMEA'],
  europe: ['EMEA'],
  eu: ['EMEA'],
  apac: ['APAC'],
  apj: ['APAC'],
  asia: ['APAC'],
  na: ['NA'],
  'north america': ['NA'],
  amer: ['NA', 'LATAM'],
  americas: ['NA', 'LATAM'],
  latam: ['LATAM'],
  'latin america': ['LATAM'],
  'south america': ['LATAM'],
  intl: 'intl',
  international: 'intl',
};
const tierWords: Record<string, string[]> = {
  enterprise: ['enterprise'],
  ent: ['enterprise'],
  professional: ['professional'],
  pro: ['professional'],
  'mid-market': ['professional'],
  midmarket: ['professional'],
  essential: ['essential'],
  essentials: ['essential'],
  smb: ['essential'],
  starter: ['starter'],
};
const industryWords: Record<string, string> = {
  mfg: 'manufacturing',
  manuf: 'manufacturing',
  manufacturing: 'manufacturing',
  finserv: 'financial services',
  fintech: 'financial services',
  'financial services': 'financial services',
  finance: 'financial services',
  banking: 'financial services',
  healthcare: 'healthcare',
  retail: 'retail',
  logistics: 'logistics',
  energy: 'energy',
  media: 'media',
  education: 'education',
  edu: 'education',
  'public sector': 'public sector',
  gov: 'public sector',
  government: 'public sector',
  software: 'software',
  saas: 'software',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordRe = (w: string) => new RegExp(String.raw`(?<![a-z0-9])${escape(w)}(?![a-z0-9])`, 'i');

function firstWord(lower: string, table: Record<string, unknown>): string | undefined {
  // Longest phrases first: "north america" before "na".
  return Object.keys(table)
    .sort((a, b) => b.length - a.length)
    .find((w) => wordRe(w).test(lower));
}

const moneyUnits: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, million: 1e6, mil: 1e6 };

/** "over 500k", "under 60", "more than $1.2M ARR", "health below 50". */
function thresholdsIn(lower: string): QuestionFrame['thresholds'] {
  const re =
    /\b(over|above|more than|greater than|bigger than|at least|exceeding|under|below|less than|lower than|smaller than)\s+(?:a\s+)?(?:health(?: score)?\s+(?:of\s+)?)?(\$|usd\s*|€|eur\s*)?(\d+(?:[.,]\d+)?)\s*(k|m|mm|mil|million|thousand)?\b(\s*(?:in\s+)?(?:arr|revenue|health|score))?/g;
  const out: NonNullable<QuestionFrame['thresholds']> = [];
  for (const m of lower.matchAll(re)) {
    const value = Number(m[3]!.replace(',', '')) * (m[4] ? moneyUnits[m[4]]! : 1);
    const unit = (m[5] ?? '').trim();
    const healthSaid = /health|score/.test(unit) || /health/.test(m[0]);
    const field: 'arr' | 'health' =
      healthSaid && !m[2] && !m[4]
        ? 'health'
        : m[2] || m[4] || /arr|revenue/.test(unit) || value > 100
          ? 'arr'
          : /\bhealth|score/.test(lower) && !/\barr\b/.test(lower)
            ? 'health'
            : value <= 100
              ? 'health'
              : 'arr';
    const op = /over|above|more|greater|bigger|least|exceed/.test(m[1]!) ? 'over' : 'under';
    out.push({ field, op, value, words: m[0].trim() });
  }
  return out.length ? out : undefined;
}

/**
 * The scope a question asks for, read from all of it. `asker` is the person asking (their own name
 * is "me"). Pure: the book's vocabulary and `now` come in.
 */
export function readFrame(
  text: string,
  vocabulary: FrameVocabulary,
  now: Date,
  options: { timeZone?: string; askerId?: string } = {},
): QuestionFrame {
  const lower = text.toLowerCase().replace(/[’]/g, "'");
  const frame: QuestionFrame = {};

  const team = /\b(?:my|our)\s+(?:team|team's|reports|direct reports|org)\b/.exec(lower);
  const mine = /\b(?:my|mine|i\s+(?:own|have|manage|got)|do\s+i|i'm\s+on)\b/.exec(lower);
  const person = personIn(lower, vocabulary.people);
  if (team) frame.owner = { kind: 'team', words: team[0] };
  else if (person) frame.owner = person.id === options.askerId ? { kind: 'me', words: person.words } : person;
  else if (mine) frame.owner = { kind: 'me', words: mine[0] };

  const region = firstWord(lower, regionWords);
  if (region) {
    const read = regionWords[region]!;
    const values = read === 'intl' ? vocabulary.regions.map((r) => r.toUpperCase()).filter((r) => r !== 'NA') : read;
    if (values.length) frame.regions = { values, words: region };
  }
  const segment = vocabulary.segments.find((s) => wordRe(s.toLowerCase()).test(lower));
  if (segment) frame.segment = { value: segment, words: segment.toLowerCase() };
  const tier = firstWord(lower, tierWords);
  if (tier) frame.tiers = { values: tierWords[tier]!, words: tier };
  const industryWord = firstWord(lower, industryWords);
  const industry = industryWord && vocabulary.industries.find((i) => i.toLowerCase() === industryWords[industryWord]);
  if (industryWord && industry) frame.industry = { value: industry, words: industryWord };

  const period = readPeriod(lower, now, options.timeZone);
  if (period) frame.period = period;
  const thresholds = thresholdsIn(lower);
  if (thresholds) frame.thresholds = thresholds;

  const grouping =
    /\b(?:by|per|split by|broken down by|break(?:\s+it)?\s+down by|for each)\s+(region|regions|csm|csms|owner|owners|rep|person|segment|segments|tier|tiers|industry|industries)\b/.exec(
      lower,
    );
  if (grouping) {
    const w = grouping[1]!;
    const by = /^reg/.test(w)
      ? 'region'
      : /^seg/.test(w)
        ? 'segment'
        : /^tier/.test(w)
          ? 'tier'
          : /^indus/.test(w)
            ? 'industry'
            : 'owner';
    frame.groupBy = { by, words: grouping[0] };
  }
  return frame;
}

/** A person of the book named in the question: "jordan's", "Aisha Rahman", "for lena". */
function personIn(
  lower: string,
  people: FrameVocabulary['people'],
): { kind: 'person'; id: string; name: string; words: string } | undefined {
  // A last name counts when no one else has it ("patel's accounts"); first names as they are.
  const lastNames = new Map<string, number>();
  for (const p of people) {
    const last = p.name.toLowerCase().split(/\s+/).slice(1).join(' ');
    if (last) lastNames.set(last, (lastNames.get(last) ?? 0) + 1);
  }
  for (const p of people) {
    const full = p.name.toLowerCase();
    const first = full.split(/\s+/)[0]!;
    const last = full.split(/\s+/).slice(1).join(' ');
    for (const w of [full, first, ...(last && lastNames.get(last) === 1 ? [last] : [])]) {
      if (w.length < 3) continue;
      const m = new RegExp(String.raw`(?<![a-z0-9])${escape(w)}(?:'s|s')?(?![a-z0-9])`, 'i').exec(lower);
      if (m) return { kind: 'person', id: p.id, name: p.name, words: m[0] };
    }
  }
  return undefined;
}

/** The parts a frame asks for. */
export const askedParts = (frame: QuestionFrame): ScopePart[] => scopeParts.filter((p) => frame[p] !== undefined);

/** How a part is named back to the person: the words they typed, quoted. */
export const said = (frame: QuestionFrame, part: ScopePart): string => {
  const value = frame[part];
  if (!value) return '';
  if (Array.isArray(value)) return value.map((t) => `"${t.words}"`).join(', ');
  return `"${(value as { words: string }).words}"`;
};
