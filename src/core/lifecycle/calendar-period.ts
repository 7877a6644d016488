// Calendar periods as people name them ("this month", "Q1", "before end of next quarter", "last 30
// days"), as whole days in the team's time zone. Pure: `now` and the zone come in.

/** Days [from, to): ISO days, `to` exclusive. */
export interface CalendarPeriod {
  from: string;
  to: string;
  /** "September 2026", "Q1 2027", "the last 30 days". */
  label: string;
  /** The words that named it, as typed. */
  words: string;
  /** Looks back (answers so far), forward (renewals to come), or a calendar span around today. */
  direction: 'back' | 'forward' | 'span';
}

const dayMs = 86_400_000;
/** The month names, January first, lower case. */
export const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const months = monthNames;
const monthName = (m: number) => months[m]![0]!.toUpperCase() + months[m]!.slice(1);
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const plusDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);

/** Today's date where the team works. */
export function localDay(now: Date, timeZone = 'UTC'): { y: number; m: number; d: number; iso: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const y = Number(parts.year);
  const m = Number(parts.month) - 1;
  const d = Number(parts.day);
  return { y, m, d, iso: day(y, m, d) };
}

const unitDays = (unit: string) =>
  unit.startsWith('w') ? 7 : unit.startsWith('mo') ? 30 : unit.startsWith('q') ? 91 : unit.startsWith('y') ? 365 : 1;

const numbers: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, six: 6, twelve: 12 };

/** The period a question names, or undefined. */
export function readPeriod(lower: string, now: Date, timeZone = 'UTC'): CalendarPeriod | undefined {
  const today = localDay(now, timeZone);
  const quarterStart = (y: number, q: number) => day(y, q * 3, 1);
  const quarterOf = (m: number) => Math.floor(m / 3);
  const n = String.raw`(\d{1,3}|${Object.keys(numbers).join('|')})`;
  const count = (s: string) => numbers[s] ?? Number(s);

  // "last 30 days", "past 6 months": up to today.
  let m = new RegExp(String.raw`\b(?:last|past|previous)\s+${n}\s*(days?|weeks?|months?|quarters?|years?)\b`).exec(
    lower,
  );
  if (m) {
    const days = count(m[1]!) * unitDays(m[2]!);
    return {
      from: plusDays(today.iso, -days),
      to: plusDays(today.iso, 1),
      label: `the last ${m[1]} ${m[2]}`,
      words: m[0],
      direction: 'back',
    };
  }
  // "next 30 days", "within 60 days", "in the next 2 months": from today on.
  m = new RegExp(String.raw`\b(?:next|within|coming|in the next)\s+${n}\s*(days?|weeks?|months?|quarters?)\b`).exec(
    lower,
  );
  if (m) {
    const days = count(m[1]!) * unitDays(m[2]!);
    return {
      from: today.iso,
      to: plusDays(today.iso, days + 1),
      label: `the next ${m[1]} ${m[2]}`,
      words: m[0],
      direction: 'forward',
    };
  }
  // "before (the) end of (next) quarter", "by end of Q1", "eoq": from today to that end.
  m =
    /\b(?:before|by|until|til|till|through)?\s*(?:the\s+)?(?:end of|eo)\s*(?:the\s+)?(this|next)?\s*(quarter|q([1-4])|month|year)\b|\beo(q|m|y)\b/.exec(
      lower,
    );
  if (m) {
    const unit = m[4] ? { q: 'quarter', m: 'month', y: 'year' }[m[4]]! : m[3] ? 'q' : m[2]!;
    const next = m[1] === 'next' ? 1 : 0;
    let end: string;
    let label: string;
    if (unit === 'q') {
      const q = Number(m[3]) - 1;
      const y = q * 3 + 3 <= today.m ? today.y + 1 : today.y;
      end = quarterStart(y + Math.floor((q + 1) / 4), (q + 1) % 4);
      label = `the end of Q${q + 1} ${y}`;
    } else if (unit === 'quarter') {
      const q = quarterOf(today.m) + next;
      end = quarterStart(today.y + Math.floor((q + 1) / 4), (q + 1) % 4);
      label = `the end of Q${(q % 4) + 1} ${today.y + Math.floor(q / 4)}`;
    } else if (unit === 'month') {
      end = day(today.y, today.m + 1 + next, 1);
      label = `the end of ${monthName((today.m + next) % 12)}`;
    } else {
      end = day(today.y + 1 + next, 0, 1);
      label = `the end of ${today.y + next}`;
    }
    return { from: today.iso, to: end, label: `today to ${label}`, words: m[0].trim(), direction: 'forward' };
  }
  // "this month", "next quarter", "last week", "this year".
  m = /\b(this|next|last|current)\s+(week|month|quarter|year)\b/.exec(lower);
  if (m) {
    const shift = m[1] === 'next' ? 1 : m[1] === 'last' ? -1 : 0;
    const direction = shift > 0 ? 'forward' : shift < 0 ? 'back' : 'span';
    if (m[2] === 'week') {
      const weekday = (new Date(`${today.iso}T00:00:00Z`).getUTCDay() + 6) % 7;
      const from = plusDays(today.iso, -weekday + 7 * shift);
      return { from, to: plusDays(from, 7), label: `the week of ${from}`, words: m[0], direction };
    }
    if (m[2] === 'month') {
      const from = day(today.y, today.m + shift, 1);
      const mm = (today.m + shift + 12) % 12;
      return {
        from,
        to: day(today.y, today.m + shift + 1, 1),
        label: `${monthName(mm)} ${from.slice(0, 4)}`,
        words: m[0],
        direction,
      };
    }
    if (m[2] === 'quarter') {
      const q = quarterOf(today.m) + shift;
      const from = day(today.y, q * 3, 1);
      return {
        from,
        to: day(today.y, q * 3 + 3, 1),
        label: `Q${(((q % 4) + 4) % 4) + 1} ${from.slice(0, 4)}`,
        words: m[0],
        direction,
      };
    }
    const y = today.y + shift;
    return { from: day(y, 0, 1), to: day(y + 1, 0, 1), label: String(y), words: m[0], direction };
  }
  // "Q1", "q3 2027": that quarter (this year's, or next year's once it has ended).
  m = /\bq([1-4])(?:\s*(?:of\s+)?(20\d\d|'?\d\d))?\b/.exec(lower);
  if (m) {
    const q = Number(m[1]) - 1;
    const y = m[2] ? 2000 + (Number(m[2].replace("'", '')) % 100) : q * 3 + 3 <= today.m ? today.y + 1 : today.y;
    return {
      from: day(y, q * 3, 1),
      to: day(y, q * 3 + 3, 1),
      label: `Q${q + 1} ${y}`,
      words: m[0],
      direction: 'span',
    };
  }
  // "in December", "for march": the next such month (this one if it has not ended).
  m = new RegExp(
    String.raw`\b(?:in|for|during|by)\s+(${months.join('|')}|${months.map((x) => x.slice(0, 3)).join('|')})\b`,
  ).exec(lower);
  if (m) {
    const mm = months.findIndex((x) => x.startsWith(m![1]!));
    const y = mm < today.m ? today.y + 1 : today.y;
    return {
      from: day(y, mm, 1),
      to: day(y, mm + 1, 1),
      label: `${monthName(mm)} ${y}`,
      words: m[0],
      direction: 'span',
    };
  }
  return undefined;
}
