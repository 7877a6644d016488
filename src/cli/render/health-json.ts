import type { Signal } from '../../core/signals/evaluate-triggers.js';
import type { InsufficientData } from '../../core/scoring/data-sufficiency.js';
import type { HealthScore } from '../../core/scoring/health-score.js';
import type { DimensionTrends } from '../../core/signals/trends.js';

/** The stable JSON shape of `tend score --json`. */
export function healthJson(score: HealthScore, signals: Signal[], extra: Record<string, unknown> = {}) {
  return {
    model: { id: score.modelId, version: score.modelVersion },
    computedAt: score.computedAt,
    overall: score.overall,
    band: score.band,
    confidence: score.confidence,
    dimensions: Object.fromEntries(
      Object.values(score.dimensions).map((d) => [
        d.key,
        {
          label: d.label,
          score: d.score,
          weight: d.weight,
          effectiveWeight: d.effectiveWeight,
          contribution: d.contribution,
          inputs: d.inputs.map((i) => ({
            metric: i.metric,
            value: i.value,
            asOf: i.asOf,
            normalised: i.normalised,
            status: i.status,
            ...(i.penalty !== undefined ? { penalty: i.penalty } : {}),
          })),
        },
      ]),
    ),
    recommendations: score.recommendations,
    redFlags: score.redFlags,
    drivers: score.drivers,
    signals,
    coverage: score.coverage,
    ...(score.change ? { change: score.change } : {}),
    ...extra,
  };
}

export function trendsJson(trends: DimensionTrends) {
  return Object.fromEntries(
    Object.entries(trends).map(([k, t]) => [
      k,
      { bis: t.bis, slope: t.slope.trend, slopePctPerPeriod: t.slope.slopePct, points: t.points },
    ]),
  );
}

/** `tend score --json` for an account with too little data: no overall, no band, what is missing. */
export function insufficientJson(gap: InsufficientData, extra: Record<string, unknown> = {}) {
  return {
    model: { id: gap.modelId, version: gap.modelVersion },
    computedAt: gap.computedAt,
    overall: null,
    band: null,
    insufficientData: {
      reason: gap.reason,
      coverage: gap.coverage,
      minimumCoverage: gap.minimumCoverage,
      newestData: gap.newestData,
      missing: gap.missing,
      ...(gap.startDate ? { startDate: gap.startDate } : {}),
      text: gap.text,
    },
    ...extra,
  };
}
