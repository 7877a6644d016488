import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qbrFactIndex } from '../../src/core/qbr/qbr-fact-ids.js';
import type { QbrFacts } from '../../src/core/qbr/qbr-facts.js';
import { checkClaims } from '../../src/llm/claim-check.js';

// The claim check scored on labelled paragraphs (test/evals/qbr-claims.json): precision is how many
// refused paragraphs were really wrong, recall how many wrong ones it refused. Known misses stay in.
interface ClaimCase {
  kind: string;
  wrong: boolean;
  text: string;
  facts: string[];
}
const set = JSON.parse(readFileSync(new URL('./qbr-claims.json', import.meta.url), 'utf8')) as {
  otherAccounts: string[];
  threshold: { precision: number; recall: number };
  cases: ClaimCase[];
};
const facts = JSON.parse(
  readFileSync(new URL('../fixtures/qbr-facts-acme-2026q3.json', import.meta.url), 'utf8'),
) as QbrFacts;

describe('QBR claim check evals', () => {
  const index = qbrFactIndex(facts);
  const results = set.cases.map((c) => {
    const { violations } = checkClaims([{ section: c.kind, text: c.text, facts: c.facts }], index, {
      otherAccounts: set.otherAccounts,
    });
    return { ...c, refused: violations.length > 0, violations };
  });
  const tp = results.filter((r) => r.wrong && r.refused).length;
  const fp = results.filter((r) => !r.wrong && r.refused).length;
  const fn = results.filter((r) => r.wrong && !r.refused).length;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);

  it(`refuses wrong claims with precision >= ${set.threshold.precision} and recall >= ${set.threshold.recall}`, () => {
    const byKind = new Map<string, { n: number; refused: number }>();
    for (const r of results) {
      const k = byKind.get(r.kind) ?? { n: 0, refused: 0 };
      k.n++;
      if (r.refused) k.refused++;
      byKind.set(r.kind, k);
    }
    console.log(
      [
        `claim check on ${results.length} paragraphs (${results.filter((r) => r.wrong).length} wrong): precision ${precision.toFixed(2)} (${tp}/${tp + fp}), recall ${recall.toFixed(2)} (${tp}/${tp + fn})`,
        ...[...byKind].map(([kind, k]) => `  ${kind}: ${k.refused}/${k.n} refused`),
        ...results
          .filter((r) => r.wrong !== r.refused)
          .map((r) => `  ${r.refused ? 'false alarm' : 'missed'}: ${r.text} ${r.violations.join(' | ')}`),
      ].join('\n'),
    );
    expect(results.length).toBeGreaterThanOrEqual(40);
    expect(precision).toBeGreaterThanOrEqual(set.threshold.precision);
    expect(recall).toBeGreaterThanOrEqual(set.threshold.recall);
  });

  it('refuses every kind of misplacement it is built for, each with the sentence named', () => {
    for (const r of results.filter((x) => x.wrong && x.kind !== 'known-miss')) {
      expect(r.refused, r.text).toBe(true);
      expect(r.violations.join(' '), r.text).toMatch(/"[^"]+"|cites "/);
    }
    for (const r of results.filter((x) => !x.wrong)) expect(r.violations, r.text).toEqual([]);
  });
});
