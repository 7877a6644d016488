import type { ChangeExplanation, HealthScore } from './health-score.js';
import { formatValue, signed } from './format.js';
import { roundTo } from './rounding.js';

/**
 * What moved between two scores of one account, dimension by dimension, with the input values
 * behind each move: "-6.2 overall: usage -9 (Daily active users 72 % -> 51 %), support +2 (...)".
 */
export function explainChange(current: HealthScore, previous: HealthScore): ChangeExplanation {
  const delta = current.overallExact - previous.overallExact;
  const dimensions: ChangeExplanation['dimensions'] = [];
  for (const dim of Object.values(current.dimensions)) {
    const before = previous.dimensions[dim.key];
    const dDelta = dim.contribution - (before?.contribution ?? 0);
    const inputs = dim.inputs
      .map((input) => {
        const old = before?.inputs.find((i) => i.metric === input.metric);
        return {
          metric: input.metric,
          label: input.label,
          unit: input.unit,
          from: old?.value ?? null,
          to: input.value,
        };
      })
      .filter((i) => i.from !== i.to && !(i.from !== null && i.to !== null && Math.abs(i.from - i.to) < 1e-9));
    if (Math.abs(dDelta) >= 0.05 || inputs.length > 0) {
      dimensions.push({ key: dim.key, label: dim.label, delta: dDelta, inputs });
    }
  }
  dimensions.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  const sameModel = current.modelId === previous.modelId && current.modelVersion === previous.modelVersion;
  const parts = dimensions
    .filter((d) => Math.abs(d.delta) >= 0.05)
    .slice(0, 4)
    .map((d) => {
      const detail = d.inputs.slice(0, 2).map(describeInput).join('; ');
      return `${d.label.toLowerCase()} ${signed(d.delta, 1)}${detail ? ` (${detail})` : ''}`;
    });
  const head = `${signed(delta, 1)} overall`;
  const moved = dimensions
    .flatMap((d) => d.inputs)
    .slice(0, 3)
    .map(describeInput);
  const unchanged =
    moved.length > 0 ? `no change in score (inputs moved within their caps: ${moved.join('; ')})` : 'no change';
  const summary =
    (parts.length > 0 ? `${head}: ${parts.join(', ')}` : Math.abs(delta) < 0.05 ? unchanged : head) +
    (sameModel ? '' : ` (the model changed from ${previous.modelId} v${previous.modelVersion})`) +
    (current.band.key !== previous.band.key ? `; band ${previous.band.label} -> ${current.band.label}` : '');
  return {
    delta: roundTo(delta, 2),
    previousOverall: previous.overall,
    previousAt: previous.computedAt,
    ...(current.band.key !== previous.band.key ? { band: { from: previous.band.key, to: current.band.key } } : {}),
    dimensions: dimensions.map((d) => ({ ...d, delta: roundTo(d.delta, 2) })),
    summary,
  };
}

function describeInput(i: { label: string; unit: string; from: number | null; to: number | null }): string {
  return `${i.label} ${i.from === null ? 'no data' : formatValue(i.from, i.unit)} -> ${i.to === null ? 'no data' : formatValue(i.to, i.unit)}`;
}
