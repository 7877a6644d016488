import type { Signal } from '../../core/signals/evaluate-triggers.js';
import { formatValue } from '../../core/scoring/format.js';
import type { HealthScore } from '../../core/scoring/health-score.js';
import { roundTo } from '../../core/scoring/rounding.js';

const bar = (score: number) => {
  const filled = Math.round(score / 10);
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
};

/** A score as a terminal reader wants it: headline, dimensions, why, what to do. */
export function healthText(score: HealthScore, signals: Signal[]): string[] {
  const lines = [
    `Health ${score.overall} / 100: ${score.band.label}${score.band.meaning ? ` (${score.band.meaning})` : ''}  [model ${score.modelId} v${score.modelVersion}, confidence ${Math.round(score.confidence * 100)} %]`,
  ];
  if (score.change)
    lines.push(`Since ${score.change.previousAt.slice(0, 16).replace('T', ' ')} UTC: ${score.change.summary}`);
  lines.push('');
  for (const d of Object.values(score.dimensions)) {
    if (d.score === null) {
      lines.push(`  ${d.label.padEnd(24)} no data                 weight ${d.weight} %`);
      continue;
    }
    lines.push(
      `  ${d.label.padEnd(24)} ${bar(d.score)} ${String(roundTo(d.score, 1)).padStart(5)}  weight ${d.weight} %${Math.abs(d.effectiveWeight - d.weight) > 0.05 ? ` (applied ${roundTo(d.effectiveWeight, 1)} %)` : ''}  adds ${roundTo(d.contribution, 1)}`,
    );
    for (const i of d.inputs) {
      const value = i.value === null ? 'missing' : `${formatValue(i.value, i.unit)}${i.asOf ? ` on ${i.asOf}` : ''}`;
      const note = i.status === 'stale' ? ' (stale)' : i.status === 'zero-filled' ? ' (missing, counted as 0)' : '';
      const effect =
        i.penalty !== undefined
          ? i.penalty > 0
            ? `-${roundTo(i.penalty, 1)} points`
            : 'no penalty'
          : i.normalised === null
            ? ''
            : `scores ${roundTo(i.normalised, 1)}`;
      lines.push(`      ${i.label}: ${value}${note}${effect ? `, ${effect}` : ''}`);
    }
  }
  if (score.drivers.negative.length || score.drivers.positive.length) {
    lines.push('', 'Why:');
    for (const d of score.drivers.negative) lines.push(`  - ${d.text}`);
    for (const d of score.drivers.positive) lines.push(`  + ${d.text}`);
  }
  if (score.coverage.missing.length || score.coverage.stale.length) {
    lines.push('', `Coverage: ${score.coverage.inputsPresent} of ${score.coverage.inputsTotal} inputs have data.`);
    for (const m of score.coverage.missing) lines.push(`  missing ${m.dimension}.${m.metric}: ${m.handling}`);
    for (const s of score.coverage.stale) lines.push(`  stale ${s.dimension}.${s.metric}: last value on ${s.asOf}`);
  }
  if (score.redFlags.length) {
    lines.push('', 'Red flags:');
    for (const f of score.redFlags) lines.push(`  ! ${f.label}: ${roundTo(f.value, 1)} (${f.threshold})`);
  }
  if (signals.length) {
    lines.push('', 'Signals:');
    for (const s of signals) {
      lines.push(`  [${s.severity}] ${s.label} (${s.source}): ${s.evidence.join('; ')}`);
      lines.push(`      Tend: ${s.systemResponse}. You: ${s.humanAction}.`);
    }
  }
  if (score.recommendations.length) {
    lines.push('', 'Recommendations:');
    for (const r of score.recommendations)
      lines.push(
        `  ${r.priority}: ${r.action} (${r.reason})${r.expectedImpact ? `. Expected: ${r.expectedImpact}` : ''}`,
      );
  }
  return lines;
}
