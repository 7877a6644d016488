import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qbrFactIndex } from '../../src/core/qbr/qbr-fact-ids.js';
import type { QbrFacts } from '../../src/core/qbr/qbr-facts.js';
import { checkClaims } from '../../src/llm/claim-check.js';

// The claim check scored on labelled sentences (test/evals/qbr-claims.json): precision is how many
// refused sentences were really wrong, recall how many wrong ones it refused. Sentences are either
// written as a model would write them (style "model") or short probes of one trait ("probe").
interface ClaimCase {
  kind: string;
  wrong: boolean;
  style: 'model' | 'probe';
  /** Written after the check was built: "first, then tuned on" (run once, then the check was fixed), "second, run once". */
  heldOut?: string;
  text: string;
  facts: string[];
}
const set = JSON.parse(readFileSync(new URL('./qbr-claims.json', import.meta.url), 'utf8')) as {
  otherAccounts: string[];
  bands: string[];
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
      bands: set.bands,
      factText: [...facts.risks, ...facts.recommendations].join('. '),
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
    const model = results.filter((r) => r.style === 'model');
    const batches = [...new Set(results.flatMap((r) => (r.heldOut ? [r.heldOut] : [])))];
    console.log(
      [
        `claim check on ${results.length} sentences (${results.filter((r) => r.wrong).length} wrong; ${model.length} written as a model would): precision ${precision.toFixed(3)} (${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn})`,
        ...batches.map((batch) => {
          const held = results.filter((r) => r.heldOut === batch);
          return `  held out (${batch}): ${held.filter((r) => r.wrong && r.refused).length}/${held.filter((r) => r.wrong).length} wrong refused, ${held.filter((r) => !r.wrong && r.refused).length}/${held.filter((r) => !r.wrong).length} right refused`;
        }),
        `  model-style: ${model.filter((r) => r.wrong && r.refused).length}/${model.filter((r) => r.wrong).length} wrong refused, ${model.filter((r) => !r.wrong && r.refused).length}/${model.filter((r) => !r.wrong).length} right refused`,
        ...[...byKind].map(([kind, k]) => `  ${kind}: ${k.refused}/${k.n} refused`),
        ...results
          .filter((r) => r.wrong !== r.refused)
          .map((r) => `  ${r.refused ? 'false alarm' : 'missed'}: ${r.text} ${r.violations.join(' | ')}`),
      ].join('\n'),
    );
    expect(results.length).toBeGreaterThanOrEqual(250);
    expect(model.length * 2).toBeGreaterThanOrEqual(results.length);
    expect(precision).toBeGreaterThanOrEqual(set.threshold.precision);
    expect(recall).toBeGreaterThanOrEqual(set.threshold.recall);
  });

  it('names the sentence in every refusal', () => {
    for (const r of results.filter((x) => x.refused)) expect(r.violations.join(' '), r.text).toMatch(/"[^"]+"|cites "/);
  });
});
