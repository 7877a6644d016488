// Shared pieces of the deterministic reader: how a message is normalised, and how account names,
// filters and periods are read out of phrases. Each intent's rules use these.

/** A message as the rules see it. */
export interface Phrase {
  /** As typed (survey comments keep it verbatim). */
  raw: string;
  /** Bot mentions removed, trailing punctuation dropped, spaces collapsed. */
  text: string;
  lower: string;
}

export function phraseOf(raw: string): Phrase {
  const text = raw
    .replace(/<@[^>]+>/g, ' ') // Slack/Teams mentions of the bot
    .replace(/[?!.]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { raw, text, lower: text.toLowerCase() };
}

/** "/tend health acme" and "health acme" read the same. */
export const slash = String.raw`(?:\/tend\s+)?`;

/** The words after a command verb ("health Acme Corp" -> "Acme Corp"), or undefined for another verb. */
export function afterVerb(phrase: Phrase, verbs: string): string | undefined {
  const m = new RegExp(`^${slash}(?:${verbs})\\b\\s*(.*)$`, 'i').exec(phrase.text);
  return m ? m[1]!.trim() : undefined;
}

/** The account name out of a phrase: "the account Acme's score today" -> "Acme". */
export function stripAccount(phrase: string): string {
  // "nps for Acme", "health of Globex": the preposition belongs to the question, not the name.
  let s = phrase
    // "how are we doing with Stark Corp", "how's it going with Initech": the question's words, not the name.
    .replace(/^(?:we|it|things|stuff)\s+(?:doing|going|looking|tracking)\s+/i, '')
    .replace(/^(?:for|of|at|on|about|with)\s+/i, '')
    .replace(/^(the\s+)?account\s+/i, '')
    .trim();
  for (;;) {
    const next = s
      .replace(
        /\s+(account|doing|looking|today|now|lately|this week|this month|these days|recently|at the moment|right now|score|health score)$/i,
        '',
      )
      // "Acme health" asks about health; "Umbrella Health" is a name: only the lower-case word is the question's.
      .replace(/\s+health$/, '')
      .replace(/['’]s$/i, '')
      .trim();
    if (next === s) return s;
    s = next;
  }
}

const regions = ['emea', 'na', 'apac', 'latam', 'amer', 'americas'];
const tiers = ['enterprise', 'professional', 'essential', 'starter'];
const segments = ['strategic', 'standard'];

export interface AccountFilter {
  segment?: string;
  tier?: string;
  region?: string;
  mine?: boolean;
}

/** Segment, tier, region and "mine" named anywhere in a request. */
export function filterFrom(lower: string): AccountFilter {
  const words = lower.split(/[^a-z0-9-]+/);
  const region = words.find((w) => regions.includes(w));
  const tier = words.find((w) => tiers.includes(w));
  const segment = words.find((w) => segments.includes(w));
  return {
    ...(region ? { region: region.toUpperCase() } : {}),
    ...(tier ? { tier } : {}),
    ...(segment ? { segment } : {}),
    ...(/\b(my|mine)\b/.test(lower) ? { mine: true } : {}),
  };
}

const periodUnitDays: Record<string, number> = { d: 1, w: 7, m: 30, q: 90, y: 365 };

/**
 * A rolling period at the end of a request ("30", "30 days", "12 weeks", "last 6 months", "quarter",
 * "past year") in days, and the words before it.
 */
export function trailingPeriod(text: string): { rest: string; days?: number } {
  const match =
    /(?:^|\s+)(?:(?:over\s+|in\s+)?(?:the\s+)?(?:last|past|this)\s+)?(?:(\d+)\s*(days?|d|weeks?|w|months?|mo|quarters?|q|years?|y)?|(day|week|month|quarter|year))$/i.exec(
      text,
    );
  if (!match) return { rest: text };
  const count = match[1] ? Number(match[1]) : 1;
  const unit = (match[2] ?? match[3] ?? 'd').toLowerCase();
  const days = count * periodUnitDays[unit.startsWith('mo') ? 'm' : unit[0]!]!;
  return days > 0 ? { rest: text.slice(0, match.index).trim(), days } : { rest: text };
}

/**
 * A period named anywhere in a question ("over the last 6 months", "this quarter", "past 2 years"),
 * in days; undefined when none is named.
 */
export function periodIn(lower: string): number | undefined {
  const counted = /\b(?:last|past)\s+(\d{1,3})\s*(days?|weeks?|months?|quarters?|years?)\b/.exec(lower);
  if (counted) return Number(counted[1]) * periodUnitDays[counted[2]!.startsWith('mo') ? 'm' : counted[2]![0]!]!;
  const named = /\b(?:this|last|past)\s+(week|month|quarter|year)\b/.exec(lower);
  return named ? periodUnitDays[named[1]![0]!] : undefined;
}
