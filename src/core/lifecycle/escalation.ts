import type { EscalationPath } from './lifecycle-schema.js';

/** The step after `currentLevel` on a path (level 0 means not yet escalated); undefined at the top. */
export function nextEscalationStep(path: EscalationPath, currentLevel: number) {
  return [...path.steps].sort((a, b) => a.level - b.level).find((s) => s.level > currentLevel);
}
