export type RoundingMode = 'half-even' | 'half-up';

/**
 * Rounds to `decimals` places. 'half-even' reproduces Python's round(x, n) exactly: it rounds the
 * exact binary value (so 68.45000000000002 -> 68.5, 0.25 -> 0.2); 'half-up' is JavaScript's
 * Math.round applied at that scale, as in MapleAI's sketch.
 */
export function roundTo(value: number, decimals: number, mode: RoundingMode = 'half-even'): number {
  if (!Number.isFinite(value)) return value;
  if (mode === 'half-up') {
    const factor = 10 ** decimals;
    return Math.round(value * factor) / factor;
  }
  // Fast path: away from a tie, scaling and Math.round give the correctly rounded result.
  const scaled = Math.abs(value) * 10 ** decimals;
  const fraction = scaled - Math.floor(scaled);
  if (Math.abs(fraction - 0.5) > 1e-6 && scaled < 2 ** 52) {
    const rounded = Math.round(scaled) / 10 ** decimals;
    return value < 0 ? -rounded : rounded;
  }
  // Near a tie, decide on the exact value: toFixed(100) prints the exact decimal expansion of the double (up to 100 digits, ample for
  // scores); rounding that string half-to-even is what CPython's correctly rounded round() does.
  const negative = value < 0;
  const exact = Math.abs(value).toFixed(100);
  const [intPart, fracPart = ''] = exact.split('.');
  const kept = `${intPart}${fracPart.slice(0, decimals)}`;
  const rest = fracPart.slice(decimals);
  const firstDropped = rest.charCodeAt(0) - 48;
  const beyondHalf = rest.slice(1).replace(/0+$/, '') !== '';
  let digits = BigInt(kept);
  if (firstDropped > 5 || (firstDropped === 5 && (beyondHalf || digits % 2n === 1n))) digits += 1n;
  const result = Number(digits) / 10 ** decimals;
  return negative ? -result : result;
}
