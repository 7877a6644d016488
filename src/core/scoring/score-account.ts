import type { Band, HealthModel } from './health-model-schema.js';
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
import { normalise, penaltyPoints } from './normalise.js';
import { aggregate, dayNumber, type Observation } from './resolve-inputs.js';
import { roundTo } from './rounding.js';

export interface ScoreOptions {
  now: Date;
  /** The previous score of the same account, to explain what moved. */
  previous?: HealthScore;
}

const DAY = 86_400_000;

/**
 * Scores one account with a model. Pure: the same model, observations and `now` always give the
 * same result. Arithmetic follows the order the references use, so presets reproduce them exactly.
 */
export function scoreAccount(
  model: HealthModel,
  observations: Map<string, Observation[]>,
  options: ScoreOptions,
): HealthScore {
  const today = Math.floor(options.now.getTime() / DAY);
  const coverage: Coverage = {
    inputsTotal: 0,
    inputsPresent: 0,
    missing: [],
    stale: [],
    dimensionsMissing: [],
    policy: model.missingInputs,
  };
  const modelWeight = model.dimensions.reduce((s, d) => s + d.weight, 0);
  let confidence = 0;

  const scored = model.dimensions.map((dimension) => {
    const inputWeight = dimension.inputs.reduce((s, i) => s + i.weight, 0);
    const inputs: ScoredInput[] = dimension.inputs.map((input) => {
      coverage.inputsTotal += 1;
      const resolved = aggregate(observations.get(input.metric), input, options.now);
      const base = {
        metric: input.metric,
        label: labelOf(input.metric, input.label),
        unit: unitOf(input.metric),
        weight: input.weight,
        effectiveWeight: 0,
        aggregation: input.aggregation,
        windowDays: input.windowDays,
      };
      if (!resolved) {
        const zeroFill = model.missingInputs === 'zero';
        coverage.missing.push({
          dimension: dimension.key,
          metric: input.metric,
          handling: zeroFill
            ? 'treated as 0 (model rule, as in the BIS calculator)'
            : 'left out; the rest of the model was re-weighted',
        });
        return zeroFill
          ? {
              ...base,
              value: 0,
              asOf: null,
              normalised: normalise(input.normaliser, 0),
              status: 'zero-filled' as const,
            }
          : { ...base, value: null, asOf: null, normalised: null, status: 'missing' as const };
      }
      coverage.inputsPresent += 1;
      const stale = input.maxAgeDays !== undefined && today - dayNumber(resolved.asOf) > input.maxAgeDays;
      if (stale) coverage.stale.push({ dimension: dimension.key, metric: input.metric, asOf: resolved.asOf });
      confidence += (dimension.weight / modelWeight) * (input.weight / inputWeight) * (stale ? 0.5 : 1);
      return {
        ...base,
        value: resolved.value,
        asOf: resolved.asOf,
        normalised: normalise(input.normaliser, resolved.value),
        status: stale ? ('stale' as const) : ('present' as const),
      };
    });

    const used = inputs.filter((i) => i.value !== null);
    let score: number | null = null;
    if (used.length > 0) {
      const usedWeight = used.reduce((s, i) => s + i.weight, 0);
      if (dimension.method === 'penalty') {
        score = 100;
        for (const input of used) {
          const spec = dimension.inputs.find((i) => i.metric === input.metric)!.normaliser;
          const points = spec.kind === 'penalty' ? penaltyPoints(spec, input.value!) : 100 - input.normalised!;
          input.penalty = points;
          score -= points;
        }
        score = Math.max(score, 0);
      } else {
        score = 0;
        for (const input of used) score += input.normalised! * (input.weight / usedWeight);
        score = Math.min(score, 100);
      }
      for (const input of used) input.effectiveWeight = input.weight / usedWeight;
    } else {
      coverage.dimensionsMissing.push(dimension.key);
    }
    return { dimension, inputs, score };
  });

  const present = scored.filter((d) => d.score !== null);
  const presentWeight = present.reduce((s, d) => s + d.dimension.weight, 0);
  let overallExact = 0;
  const dimensions: Record<string, ScoredDimension> = {};
  for (const { dimension, inputs, score } of scored) {
    const share = score === null ? 0 : dimension.weight / presentWeight;
    const contribution = score === null ? 0 : share * score;
    overallExact += contribution;
    for (const input of inputs) input.effectiveWeight = input.effectiveWeight * share * 100;
    dimensions[dimension.key] = {
      key: dimension.key,
      label: dimension.label,
      score,
      weight: dimension.weight,
      effectiveWeight: share * 100,
      contribution,
      inputs,
    };
  }
  if (present.length === 0) overallExact = 0;

  const overall = roundTo(overallExact, model.rounding.decimals, model.rounding.mode);
  const band = findBand(model.bands, model.bandFrom === 'exact' ? overallExact : overall);
  const result: HealthScore = {
    modelId: model.id,
    modelVersion: model.version,
    computedAt: options.now.toISOString(),
    overall,
    overallExact,
    band: { key: band.key, label: band.label, colour: band.colour, ...(band.meaning ? { meaning: band.meaning } : {}) },
    confidence: roundTo(confidence, 2),
    dimensions,
    coverage,
    drivers: findDrivers(dimensions, model.driverTarget),
    redFlags: findRedFlags(model, observations, options.now),
    recommendations: recommend(model, dimensions, overallExact),
  };
  if (options.previous) result.change = explainChange(result, options.previous);
  return result;
}

export function findBand(bands: readonly Band[], score: number): Band {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  return sorted.find((b) => score >= b.min && score < b.max) ?? (score >= 100 ? sorted.at(-1)! : sorted[0]!);
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

function findRedFlags(model: HealthModel, observations: Map<string, Observation[]>, now: Date): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const flag of model.redFlags) {
    const resolved = aggregate(observations.get(flag.metric), flag, now);
    if (!resolved) continue;
    const v = resolved.value;
    const hit =
      flag.op === '<'
        ? v < flag.value
        : flag.op === '<='
          ? v <= flag.value
          : flag.op === '>'
            ? v > flag.value
            : v >= flag.value;
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
