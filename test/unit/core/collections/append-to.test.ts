import { describe, expect, it } from 'vitest';
import { appendTo } from '../../../../src/core/collections/append-to.js';

describe('appendTo', () => {
  it('groups values under their key in arrival order, starting a list for a new key', () => {
    const groups = new Map<string, number[]>();
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ] as const)
      appendTo(groups, key, value);
    expect([...groups]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});
