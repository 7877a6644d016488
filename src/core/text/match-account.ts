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

/** Legal forms people add or drop at will: "Acme Corporation" is "Acme Corp" is "Acme". */
const legalForms = new Set([
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'nv',
  'co',
  'company',
  'pty',
  'group',
  'holdings',
]);

/** The name without its legal form: what a person means by it. */
const core = (normalised: string) => {
  const words = normalised.split(' ');
  while (words.length > 1 && legalForms.has(words.at(-1)!)) words.pop();
  return words.join(' ');
};

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
  // "Acme Corporation" for "Acme Corp", "Initech Inc." for "Initech": the same name, another legal form.
  const qCore = core(q);
  const sameCore = accounts.filter(
    (a) => core(normal(a.name)) === qCore || a.aliases.some((x) => core(normal(x)) === qCore),
  );
  if (sameCore.length === 1) return { kind: 'found', account: sameCore[0]! };
  if (sameCore.length > 1) return { kind: 'ambiguous', candidates: sameCore.slice(0, 5) };
  const partial = accounts.filter((a) => normal(a.name).startsWith(q) || normal(a.name).split(' ').includes(q));
  if (partial.length === 1) return { kind: 'found', account: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial.slice(0, 5) };
  // A typo in the name people use, usually its first word: "Globx" for "Globex Industries".
  const byKey = new Map<string, T[]>();
  const add = (key: string, a: T) => {
    const list = byKey.get(key) ?? [];
    if (!list.includes(a)) list.push(a);
    byKey.set(key, list);
  };
  for (const a of accounts) {
    const c = core(normal(a.name));
    add(a.name, a);
    add(c, a);
    const first = c.split(' ')[0]!;
    if (first.length >= 4) add(first, a);
  }
  const close = closestMatches(qCore, [...byKey.keys()], 6);
  const suggestions = [...new Set(close.flatMap((k) => byKey.get(k)!))].slice(0, 3);
  return { kind: 'not_found', suggestions };
}
