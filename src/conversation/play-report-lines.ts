import type { Comparison } from '../core/plays/play-effect.js';

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;
const pts = (v: number) => `${v >= 0 ? '+' : ''}${Math.round(v * 10) / 10}`;

/** "churn 28 % (57) vs 62 % (53): -34.2 points [-49.7, -15.6]", or why there is no figure yet. */
export function churnText(c: Comparison): string {
  if (c.kind === 'insufficient')
    return `not enough cases yet (${c.treated} with the play, ${c.control} without; ${c.minimum} each needed)`;
  const d = c.difference;
  return `churn ${pct(c.treated.value)} (${c.treated.n}) vs ${pct(c.control.value)} (${c.control.n}): ${pts(d.estimate * 100)} points, 95 % CI [${pts(d.low * 100)}, ${pts(d.high * 100)}]`;
}

/** "health +3.1 vs -0.4: +3.5 [+0.2, +6.8]", or why there is no figure yet. */
export function healthText(c: Comparison): string {
  if (c.kind === 'insufficient') return `not enough scored cases (${c.treated} / ${c.control})`;
  const d = c.difference;
  return `${pts(c.treated.value)} vs ${pts(c.control.value)}: ${pts(d.estimate)} [${pts(d.low)}, ${pts(d.high)}]`;
}
