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

interface AccountIndex<T> {
  byId: Map<string, T>;
  /** Lower-cased external ids, normalised names and aliases, and domains: what an exact query equals. */
  exact: Map<string, T[]>;
  /** Names and aliases without their legal form. */
  byCore: Map<string, T[]>;
  normalNames: { account: T; name: string; words: string[] }[];
  /** For typo suggestions: the name, its core, and its first word when it is distinctive. */
  byKey: Map<string, T[]>;
}

const push = <T>(map: Map<string, T[]>, key: string, account: T) => {
  const list = map.get(key);
  if (!list) map.set(key, [account]);
  else if (!list.includes(account)) list.push(account);
};

/** Built once per list: a question then costs map lookups, not 10,000 regular expressions. */
function buildIndex<T extends NamedAccount>(accounts: readonly T[]): AccountIndex<T> {
  const index: AccountIndex<T> = {
    byId: new Map(),
    exact: new Map(),
    byCore: new Map(),
    normalNames: [],
    byKey: new Map(),
  };
  for (const a of accounts) {
    index.byId.set(a.id, a);
    const name = normal(a.name);
    const aliases = a.aliases.map(normal);
    push(index.exact, `x:${a.externalId.toLowerCase()}`, a);
    push(index.exact, `n:${name}`, a);
    for (const x of aliases) push(index.exact, `n:${x}`, a);
    for (const d of a.domains) push(index.exact, `x:${d.toLowerCase()}`, a);
    const c = core(name);
    push(index.byCore, c, a);
    for (const x of aliases) push(index.byCore, core(x), a);
    index.normalNames.push({ account: a, name, words: name.split(' ') });
    push(index.byKey, a.name, a);
    push(index.byKey, c, a);
    const first = c.split(' ')[0]!;
    if (first.length >= 4) push(index.byKey, first, a);
  }
  return index;
}

const indexes = new WeakMap<readonly NamedAccount[], AccountIndex<NamedAccount>>();

function indexOf<T extends NamedAccount>(accounts: readonly T[]): AccountIndex<T> {
  let index = indexes.get(accounts);
  if (!index) {
    index = buildIndex(accounts);
    // Only lists that cannot change are kept: a mutable list could be edited behind the index.
    if (Object.isFrozen(accounts)) indexes.set(accounts, index);
  }
  return index as AccountIndex<T>;
}

/**
 * Finds an account from what a person typed: its id, name, an alias or a domain, in any case;
 * then a unique prefix or word match; else the closest names as suggestions. Tend's own id matches
 * too: forms and buttons name an account by it. A frozen list keeps its index between questions.
 */
export function matchAccount<T extends NamedAccount>(query: string, accounts: readonly T[]): AccountMatch<T> {
  const q = normal(query);
  if (!q) return { kind: 'not_found', suggestions: [] };
  const index = indexOf(accounts);
  const raw = query.trim();
  const exact = [
    ...new Set([
      ...(index.byId.has(raw) ? [index.byId.get(raw)!] : []),
      ...(index.exact.get(`x:${raw.toLowerCase()}`) ?? []),
      ...(index.exact.get(`n:${q}`) ?? []),
    ]),
  ];
  if (exact.length === 1) return { kind: 'found', account: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
  // "Acme Corporation" for "Acme Corp", "Initech Inc." for "Initech": the same name, another legal form.
  const qCore = core(q);
  const sameCore = index.byCore.get(qCore) ?? [];
  if (sameCore.length === 1) return { kind: 'found', account: sameCore[0]! };
  if (sameCore.length > 1) return { kind: 'ambiguous', candidates: sameCore.slice(0, 5) };
  const partial = index.normalNames.filter((n) => n.name.startsWith(q) || n.words.includes(q)).map((n) => n.account);
  if (partial.length === 1) return { kind: 'found', account: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial.slice(0, 5) };
  // A typo in the name people use, usually its first word: "Globx" for "Globex Industries".
  const close = closestMatches(qCore, [...index.byKey.keys()], 6);
  const suggestions = [...new Set(close.flatMap((k) => index.byKey.get(k)!))].slice(0, 3);
  return { kind: 'not_found', suggestions };
}
