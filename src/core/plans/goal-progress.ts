/**
 * How far a goal has come from its baseline towards its target, as a share (1 = reached; may
 * exceed 1 or fall below 0). Undefined when an end is missing or the two coincide.
 */
export function goalProgress(goal: {
  baseline: number | null;
  target: number | null;
  current: number | null;
}): number | null {
  const { baseline, target, current } = goal;
  if (baseline === null || target === null || current === null || target === baseline) return null;
  return (current - baseline) / (target - baseline);
}
