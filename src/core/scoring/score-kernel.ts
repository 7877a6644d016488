import type { Band, HealthModel, ModelInput } from './health-model-schema.js';
import { normalise, penaltyPoints } from './normalise.js';
import { aggregateWindow, windowEnd, type ObservationIndex } from './resolve-inputs.js';
import { roundTo } from './rounding.js';

// The arithmetic of a health score with nothing else: no strings, no objects per input, so a
// portfolio can be scored hundreds of thousands of times a second. scoreAccount runs this same
// kernel and dresses its numbers in the explanation; there is one implementation of the maths.

const DAY = 86_400_000;

interface CompiledInput {
  spec: ModelInput;
  metric: string;
  /** Share of its dimension, 0..1, among all its inputs. */
  weight: number;
  penalty: boolean;
}

interface CompiledDimension {
  weight: number;
  inputWeight: number;
  penalty: boolean;
  inputs: CompiledInput[];
}

export interface CompiledModel {
  model: HealthModel;
  dimensions: CompiledDimension[];
  totalWeight: number;
  inputCount: number;
  bands: Band[];
  zeroFill: boolean;
}

const compiled = new WeakMap<HealthModel, CompiledModel>();

export function compileModel(model: HealthModel): CompiledModel {
  let c = compiled.get(model);
  if (c) return c;
  let inputCount = 0;
  c = {
    model,
    dimensions: model.dimensions.map((d) => ({
      weight: d.weight,
      inputWeight: d.inputs.reduce((s, i) => s + i.weight, 0),
      penalty: d.method === 'penalty',
      inputs: d.inputs.map((i) => {
        inputCount += 1;
        return { spec: i, metric: i.metric, weight: i.weight, penalty: i.normaliser.kind === 'penalty' };
      }),
    })),
    totalWeight: model.dimensions.reduce((s, d) => s + d.weight, 0),
    inputCount: 0,
    bands: [...model.bands].sort((a, b) => a.min - b.min),
    zeroFill: model.missingInputs === 'zero',
  };
  c.inputCount = inputCount;
  compiled.set(model, c);
  return c;
}

/** Numbers of one score; arrays are indexed by dimension, or by input in model order. */
export interface KernelResult {
  overallExact: number;
  overall: number;
  band: Band;
  confidence: number;
  /** 0..1: the share of the model's weight backed by data in its window (stale data included). */
  coverage: number;
  /** NaN when the dimension has no data. */
  dimensionScores: Float64Array;
  /** Share of the overall each dimension carried, 0..1 (0 when it has no data). */
  dimensionShares: Float64Array;
  /** Raw value per input, NaN when missing (0 when zero-filled). */
  values: Float64Array;
  /** 0..100 per input (NaN when missing). */
  normalised: Float64Array;
  /** Points deducted per penalty input (0 otherwise). */
  penalties: Float64Array;
  /** Share of its dimension each input carried, 0..1, over the inputs present (0 when missing). */
  inputShares: Float64Array;
  /** Index of the newest observation used per input in its series, -1 when missing or zero-filled. */
  asOfIndex: Int32Array;
  /** 1 when the input's newest value is older than its maxAgeDays. */
  stale: Uint8Array;
}

export function newKernelResult(model: CompiledModel): KernelResult {
  const d = model.dimensions.length;
  const n = model.inputCount;
  return {
    overallExact: 0,
    overall: 0,
    band: model.bands[0]!,
    confidence: 0,
    coverage: 0,
    dimensionScores: new Float64Array(d),
    dimensionShares: new Float64Array(d),
    values: new Float64Array(n),
    normalised: new Float64Array(n),
    penalties: new Float64Array(n),
    inputShares: new Float64Array(n),
    asOfIndex: new Int32Array(n),
    stale: new Uint8Array(n),
  };
}

/**
 * Scores one account. `observations` must come from indexObservations (sorted, with day numbers).
 * Pass a reused `out` to score many accounts without allocating.
 */
export function scoreKernel(
  model: CompiledModel,
  observations: ObservationIndex,
  now: Date,
  out: KernelResult = newKernelResult(model),
): KernelResult {
  const today = Math.floor(now.getTime() / DAY);
  let confidence = 0;
  let coverage = 0;
  let presentWeight = 0;
  let k = 0;
  for (let di = 0; di < model.dimensions.length; di++) {
    const dim = model.dimensions[di]!;
    let usedWeight = 0;
    const first = k;
    for (const input of dim.inputs) {
      const series = observations.get(input.metric);
      const spec = input.spec;
      let value = Number.NaN;
      let asOf = -1;
      if (series !== undefined && series.length > 0) {
        asOf = windowEnd(series, today, spec.windowDays);
        if (asOf >= 0) value = aggregateWindow(series, asOf, today - spec.windowDays, spec.aggregation);
      }
      out.stale[k] = 0;
      if (asOf >= 0) {
        const stale = spec.maxAgeDays !== undefined && today - series![asOf]!.day > spec.maxAgeDays;
        out.stale[k] = stale ? 1 : 0;
        const share = (dim.weight / model.totalWeight) * (input.weight / dim.inputWeight);
        coverage += share;
        confidence += share * (stale ? 0.5 : 1);
      } else if (model.zeroFill) {
        value = 0;
      }
      out.values[k] = value;
      out.asOfIndex[k] = asOf;
      if (Number.isNaN(value)) {
        out.normalised[k] = Number.NaN;
        out.penalties[k] = 0;
      } else {
        usedWeight += input.weight;
        const n = normalise(spec.normaliser, value);
        out.normalised[k] = n;
        out.penalties[k] = input.penalty
          ? penaltyPoints(spec.normaliser as Extract<ModelInput['normaliser'], { kind: 'penalty' }>, value)
          : 0;
      }
      k += 1;
    }
    // Second pass in the model's order, with the shares of the inputs present (the references'
    // arithmetic order, so presets reproduce them exactly).
    for (let i = first; i < k; i++) {
      out.inputShares[i] = Number.isNaN(out.values[i]!) ? 0 : dim.inputs[i - first]!.weight / usedWeight;
    }
    let score = Number.NaN;
    if (usedWeight > 0) {
      if (dim.penalty) {
        score = 100;
        for (let i = first; i < k; i++) {
          if (Number.isNaN(out.values[i]!)) continue;
          score -= dim.inputs[i - first]!.penalty ? out.penalties[i]! : 100 - out.normalised[i]!;
        }
        score = Math.max(score, 0);
      } else {
        score = 0;
        for (let i = first; i < k; i++) {
          if (Number.isNaN(out.values[i]!)) continue;
          score += out.normalised[i]! * out.inputShares[i]!;
        }
        score = Math.min(score, 100);
      }
      presentWeight += dim.weight;
    }
    out.dimensionScores[di] = score;
  }
  let overall = 0;
  for (let di = 0; di < model.dimensions.length; di++) {
    const score = out.dimensionScores[di]!;
    if (Number.isNaN(score)) {
      out.dimensionShares[di] = 0;
      continue;
    }
    const share = model.dimensions[di]!.weight / presentWeight;
    out.dimensionShares[di] = share;
    overall += share * score;
  }
  out.overallExact = overall;
  const rounding = model.model.rounding;
  out.overall = roundTo(overall, rounding.decimals, rounding.mode);
  const bandScore = model.model.bandFrom === 'exact' ? overall : out.overall;
  let band = model.bands[0]!;
  for (const b of model.bands) if (bandScore >= b.min) band = b;
  out.band = band;
  out.confidence = roundTo(confidence, 2);
  out.coverage = coverage;
  return out;
}
