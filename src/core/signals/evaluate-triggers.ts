import { compare } from '../scoring/compare.js';
import { formatValue, labelOf, unitOf } from '../scoring/format.js';
import type { HealthScore } from '../scoring/health-score.js';
import { aggregate, dayNumber, type ObservationIndex } from '../scoring/resolve-inputs.js';
import { roundTo } from '../scoring/rounding.js';
import type { TriggerCondition, TriggerRule } from './trigger-schema.js';
import type { DimensionTrends } from './trends.js';

export interface SignalContext {
  now: Date;
  /** Absent when there is not enough data for a score: score conditions then cannot hold. */
  score?: HealthScore;
  observations: ObservationIndex;
  status: 'active' | 'churned';
  renewalDate?: string;
  trends?: DimensionTrends;
}

/** A trigger that fired, with the evidence that made it fire. */
export interface Signal {
  ruleId: string;
  source: string;
  label: string;
  severity: TriggerRule['severity'];
  evidence: string[];
  systemResponse: string;
  humanAction: string;
  escalationPath?: string;
}

const DAY = 86_400_000;

/** Evaluates trigger rules; a churned account raises none. */
export function evaluateTriggers(source: string, rules: readonly TriggerRule[], ctx: SignalContext): Signal[] {
  if (ctx.status === 'churned') return [];
  const signals: Signal[] = [];
  for (const rule of rules) {
    const conditions = rule.condition.kind === 'all' ? rule.condition.conditions : [rule.condition];
    const evidence: string[] = [];
    let fired = true;
    for (const condition of conditions) {
      const result = check(condition, ctx);
      if (result === undefined) {
        fired = false;
        break;
      }
      evidence.push(result);
    }
    if (!fired) continue;
    signals.push({
      ruleId: rule.id,
      source,
      label: rule.label,
      severity: rule.severity,
      evidence,
      systemResponse: rule.systemResponse,
      humanAction: rule.humanAction,
      ...(rule.escalationPath ? { escalationPath: rule.escalationPath } : {}),
    });
  }
  return signals;
}

/** The evidence sentence when the condition holds, undefined when it does not (or cannot be known). */
function check(condition: Exclude<TriggerCondition, { kind: 'all' }>, ctx: SignalContext): string | undefined {
  switch (condition.kind) {
    case 'score_below':
      if (!ctx.score) return undefined;
      return ctx.score.overall < condition.value
        ? `health ${ctx.score.overall} is below ${condition.value}`
        : undefined;
    case 'score_at_least':
      if (!ctx.score) return undefined;
      return ctx.score.overall >= condition.value
        ? `health ${ctx.score.overall} is at least ${condition.value}`
        : undefined;
    case 'metric': {
      const resolved = aggregate(ctx.observations.get(condition.metric), condition, ctx.now);
      if (!resolved) return undefined;
      const v = resolved.value;
      const hit = compare(v, condition.op, condition.value);
      const what = `${labelOf(condition.metric)}${condition.aggregation === 'sum' ? ` (total over ${condition.windowDays} days)` : condition.aggregation === 'mean' ? ` (average over ${condition.windowDays} days)` : ''}`;
      return hit
        ? `${what} is ${formatValue(v, unitOf(condition.metric))} (${condition.op} ${condition.value}), as of ${resolved.asOf}`
        : undefined;
    }
    case 'metric_change': {
      const series = ctx.observations.get(condition.metric);
      const recent = aggregate(series, { aggregation: 'mean', windowDays: condition.periodDays }, ctx.now);
      const before = aggregate(
        series,
        { aggregation: 'mean', windowDays: condition.periodDays },
        new Date(ctx.now.getTime() - condition.periodDays * DAY),
      );
      if (!recent || !before || before.value === 0) return undefined;
      const changePct = ((recent.value - before.value) / Math.abs(before.value)) * 100;
      const hit =
        condition.direction === 'decline'
          ? -changePct > condition.percentMoreThan
          : changePct > condition.percentMoreThan;
      const unit = unitOf(condition.metric);
      return hit
        ? `${labelOf(condition.metric)} averaged ${formatValue(before.value, unit)} in the previous ${condition.periodDays} days and ${formatValue(recent.value, unit)} in the last ${condition.periodDays} (${changePct > 0 ? '+' : ''}${roundTo(changePct, 1)} %)`
        : undefined;
    }
    case 'renewal_within': {
      if (!ctx.renewalDate) return undefined;
      const days = dayNumber(ctx.renewalDate) - Math.floor(ctx.now.getTime() / DAY);
      return days >= 0 && days <= condition.days ? `renewal on ${ctx.renewalDate}, in ${days} days` : undefined;
    }
    case 'dimension_trend': {
      const trend = ctx.trends?.[condition.dimension];
      if (!trend || trend.points < 3) return undefined;
      const hit = trend.bis === condition.trend || trend.slope.trend === condition.trend;
      const label = ctx.score?.dimensions[condition.dimension]?.label ?? condition.dimension;
      return hit
        ? `${label} is ${condition.trend} (last 3 scores against the 3 before: ${trend.bis}; slope ${roundTo(trend.slope.slopePct, 1)} % per period)`
        : undefined;
    }
  }
}
