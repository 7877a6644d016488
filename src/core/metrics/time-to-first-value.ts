// Time to first value, the onboarding KPI OmniGaze and BIS name (< 30 days): days from the start of
// a customer's contract to the milestone where it first got value ("days from access to first
// successful report", BIS). Accounts still onboarding without that milestone are not dropped: they
// are counted as waiting, and those already past the target count against it, so a slow cohort
// cannot look fast by leaving its slowest accounts out.

/** Milestone titles that mark first value (matched case-insensitively, anywhere in the title). */
export const firstValuePhrases = [
  'first value',
  'time to value',
  'value delivered',
  'first successful report',
  'first report delivered',
] as const;

export function marksFirstValue(title: string): boolean {
  const lower = title.toLowerCase();
  return firstValuePhrases.some((p) => lower.includes(p));
}

/** Lifecycle stages (preset keys) during which an account is still on its way to first value. */
export function isOnboardingStage(stage: string): boolean {
  return /onboarding|implementation/.test(stage);
}

export interface FirstValueFact {
  accountId: string;
  /** ISO day the contract started. */
  contractStart: string;
  /** ISO time of the first-value milestone, when one was recorded. */
  firstValueAt: string | null;
}

export type TimeToFirstValue =
  | {
      kind: 'measured';
      /** Accounts whose first value fell in the period. */
      reached: number;
      medianDays: number;
      withinTarget: number;
      /** Still onboarding without the milestone. */
      waiting: number;
      /** Of those waiting, already past the target. */
      waitingPastTarget: number;
      /** Share of reached + waiting-past-target that made it within the target, one decimal. */
      withinTargetPct: number;
      targetDays: number;
    }
  | { kind: 'insufficient'; reached: number; waiting: number; minimum: number; targetDays: number };

const dayMs = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

export function timeToFirstValue(
  reachedFacts: readonly FirstValueFact[],
  waitingFacts: readonly FirstValueFact[],
  now: Date,
  options: { targetDays?: number; minimum?: number } = {},
): TimeToFirstValue {
  const targetDays = options.targetDays ?? 30;
  const minimum = options.minimum ?? 5;
  const days = reachedFacts
    .filter((f) => f.firstValueAt && dayOf(f.firstValueAt) >= dayOf(f.contractStart))
    .map((f) => Math.round((dayOf(f.firstValueAt!) - dayOf(f.contractStart)) / dayMs))
    .sort((a, b) => a - b);
  const today = dayOf(now.toISOString());
  const waiting = waitingFacts.filter((f) => !f.firstValueAt && dayOf(f.contractStart) <= today);
  if (days.length < minimum)
    return { kind: 'insufficient', reached: days.length, waiting: waiting.length, minimum, targetDays };
  const mid = days.length >> 1;
  const medianDays = days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  const withinTarget = days.filter((d) => d <= targetDays).length;
  const waitingPastTarget = waiting.filter((f) => (today - dayOf(f.contractStart)) / dayMs > targetDays).length;
  return {
    kind: 'measured',
    reached: days.length,
    medianDays,
    withinTarget,
    waiting: waiting.length,
    waitingPastTarget,
    withinTargetPct: Math.round((withinTarget / (days.length + waitingPastTarget)) * 1000) / 10,
    targetDays,
  };
}
