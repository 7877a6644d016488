import { distance } from 'fastest-levenshtein';

/** Candidates closest to a (mistyped) name, best first, within a distance that still looks like a typo. */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(needle.length / 3));
  // The edit distance is at least the difference in length: candidates too long or too short to be
  // a typo are left out before any distance is computed, so a very long input costs linear time.
  const scored = candidates
    .map((c) => ({ c, lower: c.toLowerCase() }))
    .filter(({ lower }) => Math.abs(lower.length - needle.length) <= maxDistance || lower.startsWith(needle))
    .map(({ c, lower }) => ({
      c,
      d: Math.min(distance(needle, lower), lower.startsWith(needle) ? 1 : Infinity),
    }))
    .filter((x) => x.d <= maxDistance)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  // A much worse match next to a close one is noise ("Globx" should not also suggest "Duff").
  const best = scored[0]?.d ?? 0;
  return scored
    .filter((x) => x.d <= best + 1)
    .slice(0, limit)
    .map((x) => x.c);
}
