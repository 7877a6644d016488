import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qbrFactIndex } from '../../src/core/qbr/qbr-fact-ids.js';
import type { QbrFacts } from '../../src/core/qbr/qbr-facts.js';
import { checkClaims } from '../../src/llm/claim-check.js';
import { templateNarrative } from '../../src/services/qbr/qbr-template.js';
import { qbrSectionKeys } from '../../prompts/draft-qbr/schema.js';

const facts = JSON.parse(
  readFileSync(new URL('../fixtures/qbr-facts-acme-2026q3.json', import.meta.url), 'utf8'),
) as QbrFacts;

describe('the QBR template', () => {
  it('passes the same claim check as a model: every figure cited, named and moving as it says', () => {
    const narrative = templateNarrative(facts);
    const result = checkClaims(
      qbrSectionKeys.map((k) => ({ section: k, ...narrative[k] })),
      qbrFactIndex(facts),
      { otherAccounts: ['Globex Industries'] },
    );
    expect(result.violations).toEqual([]);
    expect(result.checkedFigures).toBeGreaterThan(30);
  });

  it('gives every figure a stable id, and none to missing data', () => {
    const ids = qbrFactIndex(facts).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('health.end');
    expect(ids).toContain('renewal.days');
    expect(ids).toContain('metrics.product-usage.active-users.change');
    const noStart = { ...facts, health: { ...facts.health, start: null, change: null } };
    expect(qbrFactIndex(noStart).map((f) => f.id)).not.toContain('health.start');
  });
});
