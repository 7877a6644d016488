import { describe, expect, it } from 'vitest';
import { matchAccount } from '../../../src/core/text/match-account.js';

const account = (name: string, extra: { aliases?: string[]; domains?: string[] } = {}) => ({
  id: `id-${name}`,
  externalId: `ext-${name}`,
  name,
  aliases: extra.aliases ?? [],
  domains: extra.domains ?? [],
});
const book = [
  account('Acme Corp', { domains: ['acme.example'] }),
  account('Globex Industries'),
  account('Initech'),
  account('Contoso Foods'),
  account('Contoso Labs'),
  account('Umbrella Health Inc'),
];
const found = (q: string) => {
  const m = matchAccount(q, book);
  return m.kind === 'found' ? m.account.name : m;
};

describe('finding the account a person means', () => {
  it('takes a name with another legal form, or none, as the same name', () => {
    expect(found('Acme Corporation')).toBe('Acme Corp');
    expect(found('acme corp.')).toBe('Acme Corp');
    expect(found('Initech Inc.')).toBe('Initech');
    expect(found('Umbrella Health')).toBe('Umbrella Health Inc');
  });

  it('suggests the account behind a typo in its first word', () => {
    expect(matchAccount('Globx', book)).toMatchObject({
      kind: 'not_found',
      suggestions: [{ name: 'Globex Industries' }],
    });
    const contoso = matchAccount('Contso', book);
    expect(contoso.kind === 'not_found' && contoso.suggestions.map((a) => a.name).sort()).toEqual([
      'Contoso Foods',
      'Contoso Labs',
    ]);
  });

  it('asks which one when a name is shared, and still knows ids, domains and prefixes', () => {
    expect(matchAccount('Contoso', book)).toMatchObject({ kind: 'ambiguous' });
    expect(found('acme.example')).toBe('Acme Corp');
    expect(found('Glob')).toBe('Globex Industries');
    expect(found('ext-Initech')).toBe('Initech');
    expect(matchAccount('Wayne Enterprises', book)).toEqual({ kind: 'not_found', suggestions: [] });
  });

  it('answers the same from a frozen list, whose index is kept between questions', () => {
    const frozen = Object.freeze([...book]);
    for (const q of ['Acme Corporation', 'Globx', 'Contoso', 'acme.example', 'Glob', 'ext-Initech', 'Wayne']) {
      expect(matchAccount(q, frozen)).toEqual(matchAccount(q, book));
      expect(matchAccount(q, frozen)).toEqual(matchAccount(q, book));
    }
  });
});

describe('finding an account in a very long message', () => {
  // 10,000 accounts: a 4,000-character query used to cost an edit distance against every name
  // (seconds with the event loop held); names too far apart in length are now left out first.
  const many = Object.freeze(
    Array.from({ length: 10_000 }, (_, i) => ({
      id: `id-${i}`,
      externalId: `ext-${i}`,
      name: `Company ${i} Holdings`,
      aliases: [],
      domains: [],
    })),
  );

  it('answers in bounded time', () => {
    matchAccount('warm the index', many);
    for (const query of ['a'.repeat(4_000), 'Globex Industries '.repeat(222)]) {
      const started = performance.now();
      expect(matchAccount(query, many)).toEqual({ kind: 'not_found', suggestions: [] });
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
