import type { CoverageGaps } from '../core/scoring/coverage-gaps.js';

const pct = (v: number) => `${Math.round(v * 100)} %`;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * Why a model left snapshots unscored and the ways out, in lines a person reads: the coverage rule,
 * the coverage the data had, the missing inputs with their weight, and the commands that help.
 */
export function coverageAdvice(gaps: CoverageGaps, shown = 6): string[] {
  const missing = gaps.missing
    .slice(0, shown)
    .map((m) => `${m.label} (${pct(m.weight)} of the weight, missing in ${count(m.missingIn)})`);
  return [
    `${count(gaps.unscored)} snapshot(s) of model ${gaps.modelId} are "not enough data": it needs ${pct(gaps.minimumCoverage)} of its weight backed by recent data, and these had ${pct(gaps.medianCoverage)} (median).${
      missing.length
        ? ` Missing: ${missing.join(', ')}${gaps.missing.length > shown ? `, and ${gaps.missing.length - shown} more` : ''}.`
        : ''
    }`,
    `Ways out: score with a preset that weighs the inputs you have (tend presets lists them; tend presets use <id>), or make one: tend presets show ${gaps.modelId} > my-preset.json, drop or re-weigh the missing inputs, give it a new id, tend presets import my-preset.json, tend presets use <new id>. Or import the missing inputs (tend import <file.csv> --kind metrics, or --kind feedback for NPS and CSAT). Then run tend backfill again.`,
  ];
}
