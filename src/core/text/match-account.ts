import { closestMatches } from './closest-matches.js';

export interface NamedAccount {
  id: string;
  externalId: string;
  name: string;
  aliases: string[];
  domains: string[];
}

export type AccountMatch<T extends NamedAccount> =
  { kind: 'found'; account: T } | { kind: 'ambiguous'; candidates: T[] } | { kind: 'not_found'; suggestions: T[] };

const normal = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Finds an account from what a person typed: its id, name, an alias or a domain, in any case;
 * then a unique prefix or word match; else the closest names as suggestions. Tend's own id matches
 * too: forms and buttons name an account by it.
 */
export function matchAccount<T extends NamedAccount>(query: string, accounts: readonly T[]): AccountMatch<T> {
  const q = normal(query);
  if (!q) return { kind: 'not_found', suggestions: [] };
  const exact = accounts.filter(
    (a) =>
      a.id === query.trim() ||
      a.externalId.toLowerCase() === query.trim().toLowerCase() ||
      normal(a.name) === q ||
      a.aliases.some((x) => normal(x) === q) ||
      a.domains.some((d) => d.toLowerCase() === query.trim().toLowerCase()),
  );
  if (exact.length === 1) return { kind: 'found', account: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
  const partial = accounts.filter((a) => normal(a.name).startsWith(q) || normal(a.name).split(' ').includes(q));
  if (partial.length === 1) return { kind: 'found', account: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial.slice(0, 5) };
  const names = accounts.map((a) => a.name);
  const close = closestMatches(query, names, 3);
  return { kind: 'not_found', suggestions: close.map((n) => accounts.find((a) => a.name === n)!) };
}
