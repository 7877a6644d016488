import { fewCases, includesChance, minAucCases } from './auc-interval.js';
import type { FlagQuality, HorizonResult } from './backtest.js';

/** Flags on (nearly) every account, or (nearly) none, cannot tell churn from renewal whatever recall says. */
export const uninformativeFlagRate = { above: 0.9, below: 0.05 };

/**
 * How much better than the base rate the at-risk flag's precision must be to count as a signal:
 * precision at least 1.25 times the share of scored outcomes that churned. Flagging accounts at
 * random gives the base rate as precision, so a flag below this floor is close to chance.
 */
export const precisionLiftFloor = 1.25;

/** Whether the flag's precision beats the base rate by `precisionLiftFloor`; false without either. */
export function flagBeatsBaseRate(quality: FlagQuality): boolean {
  return (
    quality.precision !== null &&
    quality.baseRate !== null &&
    quality.baseRate > 0 &&
    quality.precision >= quality.baseRate * precisionLiftFloor
  );
}

const percent = (v: number) => `${Math.round(v * 100)} %`;
const two = (v: number) => v.toFixed(2);

/** What makes the focus horizon's figures weaker than they look, in sentences a person reads. */
export function backtestWarnings(focus: HorizonResult | undefined): string[] {
  if (!focus) return [];
  const out: string[] = [];
  const days = `${focus.days} days ahead`;
  if (!focus.scored) out.push(`No outcome was scored ${days}: nothing here measures the score.`);
  if (focus.flagRate !== null && focus.flagRate > uninformativeFlagRate.above)
    out.push(
      `${percent(focus.flagRate)} of the outcomes scored ${days} were flagged at risk: the flag is uninformative, so recall, lead time and "missed" say little.`,
    );
  if (focus.flagRate !== null && focus.flagRate < uninformativeFlagRate.below)
    out.push(
      `Only ${percent(focus.flagRate)} of the outcomes scored ${days} were flagged at risk: the flag is uninformative, so precision says little.`,
    );
  const churned = focus.churn.positives;
  const other = focus.scored - churned;
  if (focus.scored && (churned < fewCases || other < fewCases))
    out.push(
      `Only ${churned} churn(s) and ${other} other outcome(s) were scored ${days}: with fewer than ${fewCases} on a side, every figure here is uncertain${
        focus.aucChurn === null
          ? `; with fewer than ${minAucCases} on a side there is no churn AUC (not enough data)`
          : ''
      }.`,
    );
  if (focus.aucChurn !== null && focus.aucChurnInterval && includesChance(focus.aucChurnInterval))
    out.push(
      `The churn AUC ${days}, ${two(focus.aucChurn)}, is not clearly better than a coin toss: its 95 % interval (${two(focus.aucChurnInterval.low)} to ${two(focus.aucChurnInterval.high)}) includes 0.5.`,
    );
  const { precision, baseRate } = focus.churn;
  if (precision !== null && baseRate !== null && baseRate > 0 && !flagBeatsBaseRate(focus.churn))
    out.push(
      `At-risk precision ${days} is ${percent(precision)}, against a churn base rate of ${percent(baseRate)} (the share of scored outcomes that churned): flagging ${percent(focus.flagRate ?? 0)} of the outcomes is little better than flagging at random, so recall and "missed" say little and no lead time is given.`,
    );
  if (focus.insufficientData)
    out.push(
      `${focus.insufficientData} outcome(s) had "not enough data to score" ${days}; they are left out, not counted as flagged.`,
    );
  return out;
}
