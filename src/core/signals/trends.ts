export type Trend = 'improving' | 'declining' | 'stable';

/**
 * BIS handbook rule (document 004, analyze_health_trends): mean of the last 3 periods against the
 * mean of the 3 before; more than 10 % higher is improving, more than 10 % lower is declining. With
 * fewer than 6 periods the comparison is with itself (stable); fewer than 3 is stable.
 */
export function bisTrend(history: readonly number[]): Trend {
  if (history.length < 3) return 'stable';
  const recent = history.slice(-3).reduce((s, v) => s + v, 0) / 3;
  const previous = history.length >= 6 ? history.slice(-6, -3).reduce((s, v) => s + v, 0) / 3 : recent;
  if (recent > previous * 1.1) return 'improving';
  if (recent < previous * 0.9) return 'declining';
  return 'stable';
}

export interface SlopeTrend {
  trend: Trend;
  /** Least-squares slope in units per period. */
  slope: number;
  /** Slope as a percentage of the series mean, per period. */
  slopePct: number;
}

/**
 * Slope rule: least-squares slope over the last `periods` values, as a share of their mean;
 * beyond +/- `thresholdPct` per period is a trend. Needs at least 4 points.
 */
export function slopeTrend(
  history: readonly number[],
  options: { periods?: number; thresholdPct?: number } = {},
): SlopeTrend {
  const values = history.slice(-(options.periods ?? 6));
  const threshold = options.thresholdPct ?? 2;
  if (values.length < 4) return { trend: 'stable', slope: 0, slopePct: 0 };
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  const slopePct = meanY === 0 ? 0 : (slope / Math.abs(meanY)) * 100;
  return {
    trend: slopePct > threshold ? 'improving' : slopePct < -threshold ? 'declining' : 'stable',
    slope,
    slopePct,
  };
}

export interface DimensionTrends {
  [dimension: string]: { bis: Trend; slope: SlopeTrend; points: number };
}

/** Trends of each dimension and of the overall score over a series of scores, oldest first. */
export function trendsFromHistory(
  scores: readonly { overallExact: number; dimensions: Record<string, { score: number | null }> }[],
): DimensionTrends {
  const series = new Map<string, number[]>();
  for (const s of scores) {
    const push = (key: string, v: number | null) => {
      if (v === null) return;
      const list = series.get(key) ?? [];
      list.push(v);
      series.set(key, list);
    };
    push('overall', s.overallExact);
    for (const [key, d] of Object.entries(s.dimensions)) push(key, d.score);
  }
  const out: DimensionTrends = {};
  for (const [key, values] of series)
    out[key] = { bis: bisTrend(values), slope: slopeTrend(values), points: values.length };
  return out;
}
