import type { HealthScore } from './health-score.js';

/** The newest and oldest data behind a score, and how many inputs are stale. */
export function dataFreshness(score: HealthScore): { newest: string | null; oldest: string | null; stale: number } {
  const dates = Object.values(score.dimensions)
    .flatMap((d) => d.inputs.map((i) => i.asOf))
    .filter((d): d is string => d !== null)
    .sort();
  return { newest: dates.at(-1) ?? null, oldest: dates[0] ?? null, stale: score.coverage.stale.length };
}
