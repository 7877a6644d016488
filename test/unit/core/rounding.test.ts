import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundTo } from '../../../src/core/scoring/rounding.js';
import { projectRoot } from '../../../src/paths.js';

describe('rounding', () => {
  const golden = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/python-round-golden.json'), 'utf8')) as {
    value: number;
    decimals: number;
    expected: number;
  }[];

  it("matches Python's round(x, n) on ties, near-ties and random values", () => {
    const mismatches = golden.filter((g) => roundTo(g.value, g.decimals, 'half-even') !== g.expected);
    expect(mismatches).toEqual([]);
    expect(golden.length).toBeGreaterThan(600);
  });

  it('rounds half up like Math.round when asked (MapleAI)', () => {
    expect(roundTo(2.5, 0, 'half-up')).toBe(3);
    expect(roundTo(2.5, 0, 'half-even')).toBe(2);
    expect(roundTo(84.5, 0, 'half-up')).toBe(85);
  });
});
