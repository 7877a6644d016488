import type { ChartSpec } from '../replies/reply.js';

const ticks = '▁▂▃▄▅▆▇█';

/** The overall line as a text sparkline, for terminals: "71 ▆▆▅▄▃ 52". */
export function sparkline(spec: ChartSpec): string {
  const overall = spec.series.find((s) => s.emphasis) ?? spec.series[0];
  const values = (overall?.values ?? []).filter((v): v is number => v !== null);
  if (!values.length) return '';
  const min = spec.yRange?.min ?? 0;
  const max = spec.yRange ? (spec.yRange.max ?? Math.max(...values)) : 100;
  const span = max - min || 1;
  const line = values.map((v) => ticks[Math.min(7, Math.max(0, Math.floor(((v - min) / span) * 8)))]).join('');
  return `${values[0]} ${line} ${values.at(-1)}`;
}
