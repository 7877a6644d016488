import type { HealthModel } from './health-model-schema.js';
import type {
  Coverage,
  Driver,
  HealthScore,
  Recommendation,
  RedFlag,
  ScoredDimension,
  ScoredInput,
} from './health-score.js';
import { explainChange } from './explain-change.js';
import { formatValue, labelOf, signed, unitOf } from './format.js';
import { aggregate, type ObservationIndex } from './resolve-inputs.js';
import { isAtRiskBand } from './at-risk.js';
import { compare } from './compare.js';
import { compileModel, scoreKernel } from './score-kernel.js';
import { roundTo } from './rounding.js';

export interface ScoreOptions {
  now: Date;
  /** The previous score of the same account, to explain what moved. */
  previous?: HealthScore;
}

/**
 * Scores one account with a model. Pure: the same model, observations and `now` always give the
 * same result. Arithmetic follows the order the references use, so presets reproduce them exactly.
 */
export function scoreAccount(model: HealthModel, observations: ObservationIndex, options: ScoreOptions): HealthScore {
  const compiled = compileModel(model);
  const k = scoreKernel(compiled, observations, options.now);
  const coverage: Coverage = {
    inputsTotal: compiled.inputCount,
    inputsPresent: 0,
    missing: [],
    stale: [],
    dimensionsMissing: [],
    policy: model.missingInputs,
    weightCovered: roundTo(k.coverage, 4),
  };
  const dimensions: Record<string, ScoredDimension> = {};
  let index = 0;
  model.dimensions.forEach((dimension, di) => {
    const share = k.dimensionShares[di]!;
    const score = Number.isNaN(k.dimensionScores[di]!) ? null : k.dimensionScores[di]!;
    if (score === null) coverage.dimensionsMissing.push(dimension.key);
    const inputs: ScoredInput[] = dimension.inputs.map((input) => {
      const i = index++;
      const raw = k.values[i]!;
      const asOfIndex = k.asOfIndex[i]!;
      const present = asOfIndex >= 0;
      const zeroFilled = !present && !Number.isNaN(raw);
      const status = present ? (k.stale[i] ? 'stale' : 'present') : zeroFilled ? 'zero-filled' : 'missing';
      const asOf = present ? observations.get(input.metric)![asOfIndex]!.date : null;
      if (present) coverage.inputsPresent += 1;
      else {
        coverage.missing.push({
          dimension: dimension.key,
          metric: input.metric,
          handling: zeroFilled
            ? 'treated as 0 (model rule, as in the BIS calculator)'
            : 'left out; the rest of the model was re-weighted',
        });
      }
      if (status === 'stale') coverage.stale.push({ dimension: dimension.key, metric: input.metric, asOf: asOf! });
      return {
        metric: input.metric,
        label: labelOf(input.metric, input.label),
        unit: unitOf(input.metric),
        value: Number.isNaN(raw) ? null : raw,
        asOf,
        normalised: Number.isNaN(raw) ? null : k.normalised[i]!,
        weight: input.weight,
        effectiveWeight: k.inputShares[i]! * share * 100,
        aggregation: input.aggregation,
        windowDays: input.windowDays,
        status,
        ...(dimension.method === 'penalty' && !Number.isNaN(raw)
          ? { penalty: input.normaliser.kind === 'penalty' ? k.penalties[i]! : 100 - k.normalised[i]! }
          : {}),
      };
    });
    dimensions[dimension.key] = {
      key: dimension.key,
      label: dimension.label,
      score,
      weight: dimension.weight,
      effectiveWeight: share * 100,
      contribution: score === null ? 0 : share * score,
      inputs,
    };
  });

  const result: HealthScore = {
    modelId: model.id,
    modelVersion: model.version,
    computedAt: options.now.toISOString(),
    overall: k.overall,
    overallExact: k.overallExact,
    band: {
      key: k.band.key,
      label: k.band.label,
      colour: k.band.colour,
      atRisk: isAtRiskBand(k.band),
      ...(k.band.meaning ? { meaning: k.band.meaning } : {}),
    },
    confidence: k.confidence,
    dimensions,
    coverage,
    drivers: findDrivers(dimensions, model.driverTarget),
    redFlags: findRedFlags(model, observations, options.now),
    recommendations: recommend(model, dimensions, k.overallExact),
  };
  if (options.previous) result.change = explainChange(result, options.previous);
  return result;
}

function findDrivers(dimensions: Record<string, ScoredDimension>, target: number): HealthScore['drivers'] {
  const all: Driver[] = [];
  for (const dimension of Object.values(dimensions)) {
    for (const input of dimension.inputs) {
      if (input.value === null || input.normalised === null || input.status === 'zero-filled') continue;
      const impact = (input.effectiveWeight / 100) * (input.normalised - target);
      all.push({
        dimension: dimension.key,
        metric: input.metric,
        label: input.label,
        value: input.value,
        unit: input.unit,
        normalised: input.normalised,
        impact,
        text: `${dimension.label}: ${input.label} ${formatValue(input.value, input.unit)} scores ${roundTo(input.normalised, 0)}/100 (${signed(impact)} points against ${target})`,
      });
    }
  }
  return {
    positive: all
      .filter((d) => d.impact >= 0.05)
      .sort((a, b) => b.impact - a.impact)
      .slice(0, 3),
    negative: all
      .filter((d) => d.impact <= -0.05)
      .sort((a, b) => a.impact - b.impact)
      .slice(0, 3),
  };
}

function findRedFlags(model: HealthModel, observations: ObservationIndex, now: Date): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const flag of model.redFlags) {
    const resolved = aggregate(observations.get(flag.metric), flag, now);
    if (!resolved) continue;
    const v = resolved.value;
    const hit = compare(v, flag.op, flag.value);
    if (hit) {
      flags.push({
        id: flag.id,
        label: flag.label,
        metric: flag.metric,
        value: v,
        threshold: `${flag.op} ${flag.value}`,
      });
    }
  }
  return flags;
}

function recommend(model: HealthModel, dimensions: Record<string, ScoredDimension>, overall: number): Recommendation[] {
  const out: Recommendation[] = [];
  for (const rule of model.recommendations) {
    const score = rule.dimension ? dimensions[rule.dimension]?.score : overall;
    if (score === null || score === undefined || !(score < rule.below)) continue;
    const subject = rule.dimension ? dimensions[rule.dimension]!.label : 'Overall health';
    out.push({
      priority: rule.priority,
      category: rule.category,
      action: rule.action,
      ...(rule.expectedImpact ? { expectedImpact: rule.expectedImpact } : {}),
      reason: `${subject} scores ${roundTo(score, 1)}, below ${rule.below}`,
    });
  }
  return out;
}
