// Value and portfolio metrics, with their definitions. Money is handled in integer minor units
// (cents) as bigint, so sums are exact; amounts come in and go out as decimal strings.

/** MapleAI: ROI % = (totalValue - implementationCost) / implementationCost x 100. */
export function roi(totalValue: number, implementationCost: number): number {
  if (!(implementationCost > 0)) throw new RangeError('ROI needs an implementation cost above 0');
  return ((totalValue - implementationCost) / implementationCost) * 100;
}

export interface NpsResult {
  /** % promoters (9-10) minus % detractors (0-6), -100..100; null without answers. */
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

/** NPS from 0-10 answers. */
export function npsFromScores(scores: readonly number[]): NpsResult {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters += 1;
    else if (s >= 7) passives += 1;
    else detractors += 1;
  }
  const responses = scores.length;
  return {
    nps: responses === 0 ? null : ((promoters - detractors) / responses) * 100,
    promoters,
    passives,
    detractors,
    responses,
  };
}

export interface CsatResult {
  /** Mean of 1-5 answers; null without answers. */
  average: number | null;
  /** Share of 4 and 5 answers, %. */
  satisfiedPct: number | null;
  responses: number;
}

export function csatFromScores(scores: readonly number[]): CsatResult {
  if (scores.length === 0) return { average: null, satisfiedPct: null, responses: 0 };
  return {
    average: scores.reduce((s, v) => s + v, 0) / scores.length,
    satisfiedPct: (scores.filter((s) => s >= 4).length / scores.length) * 100,
    responses: scores.length,
  };
}

/** "120000.50" -> 12000050n. */
export function toCents(amount: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`"${amount}" is not an amount like 120000.50`);
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] ? -cents : cents;
}

/** 12000050n -> "120000.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export interface RetentionInput {
  /** ARR of the cohort at the start of the period. */
  startingArr: string;
  /** ARR lost from accounts that left. */
  churnedArr: string;
  /** ARR lost from accounts that stayed but shrank. */
  contractionArr: string;
  /** ARR gained from accounts that were there at the start (upsell, cross-sell). */
  expansionArr: string;
  startingLogos: number;
  churnedLogos: number;
}

export interface RetentionResult {
  /** Gross revenue retention %: (start - churn - contraction) / start. Excludes expansion; at most 100. */
  grossRevenueRetentionPct: number;
  /** Net revenue retention %: (start - churn - contraction + expansion) / start. */
  netRevenueRetentionPct: number;
  /** Logo churn %: accounts lost / accounts at start. */
  logoChurnPct: number;
  /** Contraction %: downgrades / starting ARR. */
  contractionPct: number;
}

/** Retention over one period for one currency (amounts in different currencies must not be mixed). */
export function retention(input: RetentionInput): RetentionResult {
  const start = toCents(input.startingArr);
  if (start <= 0n) throw new RangeError('retention needs a starting ARR above 0');
  const churn = toCents(input.churnedArr);
  const contraction = toCents(input.contractionArr);
  const expansion = toCents(input.expansionArr);
  const pct = (cents: bigint) => Number((cents * 1_000_000n) / start) / 10_000;
  return {
    grossRevenueRetentionPct: pct(start - churn - contraction),
    netRevenueRetentionPct: pct(start - churn - contraction + expansion),
    logoChurnPct: input.startingLogos === 0 ? 0 : (input.churnedLogos / input.startingLogos) * 100,
    contractionPct: pct(contraction),
  };
}

/** ARR per currency per band: the money behind each health band. */
export function arrByBand(
  accounts: readonly { arr: string; currency: string; band: string }[],
): Record<string, Record<string, string>> {
  const sums = new Map<string, Map<string, bigint>>();
  for (const a of accounts) {
    const byBand = sums.get(a.currency) ?? new Map<string, bigint>();
    byBand.set(a.band, (byBand.get(a.band) ?? 0n) + toCents(a.arr));
    sums.set(a.currency, byBand);
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [currency, byBand] of sums)
    out[currency] = Object.fromEntries([...byBand].map(([band, cents]) => [band, fromCents(cents)]));
  return out;
}
