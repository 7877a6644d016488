import type { IntentCall } from '../../replies/reply.js';

// An account the question names as the book spells it ("Acme Corp is urgent?? whats going on", "how
// many seats does acme have"): the rest of the sentence is the question, not part of the name, and a
// question about one account is not a list of all of them.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bounded = (w: string) => new RegExp(String.raw`(?<![a-z0-9])${escape(w)}(?![a-z0-9])`, 'i');

/** Words that start account names but are also everyday words, never read alone as a name. */
const everyday = new Set([
  'first',
  'global',
  'united',
  'north',
  'south',
  'blue',
  'green',
  'red',
  'big',
  'best',
  'next',
  'open',
  'smart',
  'prime',
  'core',
]);

/**
 * The account a question names: a full name or alias as written, else the first word of exactly one
 * account's name (4+ letters, not an everyday word nor a word the question itself uses).
 */
export function accountNamedIn(
  text: string,
  accounts: readonly { name: string; aliases: readonly string[] }[],
  reserved: ReadonlySet<string> = new Set(),
): string | undefined {
  const lower = text.toLowerCase();
  let best: { name: string; length: number } | undefined;
  for (const a of accounts)
    for (const n of [a.name, ...a.aliases])
      if (n.length >= 3 && bounded(n.toLowerCase()).test(lower) && (!best || n.length > best.length))
        best = { name: a.name, length: n.length };
  if (best) return best.name;
  const byFirst = new Map<string, string[]>();
  for (const a of accounts) {
    const first = a.name.toLowerCase().split(/\s+/)[0]!;
    if (first.length >= 4 && !everyday.has(first) && !reserved.has(first))
      byFirst.set(first, [...(byFirst.get(first) ?? []), a.name]);
  }
  for (const [first, names] of byFirst) if (names.length === 1 && bounded(first).test(lower)) return names[0];
  return undefined;
}

/** Intents that answer about many accounts: named with one account, the question is about that one. */
const aboutMany = new Set([
  'list_accounts',
  'portfolio',
  'at_risk',
  'renewals',
  'retention',
  'unknown',
  'clarify',
  'help',
]);

/**
 * The call for a question that names one account: the routed call with the account as the book
 * spells it when it read the name with extra words ("Corp", "Acme Corp is urgent"), or a call about
 * that account instead of a list ("is acme at risk?", "usage trend for acme"). Undefined: keep the call.
 */
export function callForNamedAccount(call: IntentCall, lower: string, account: string): IntentCall | undefined {
  const arg = call.args.account;
  if (typeof arg === 'string') {
    const a = arg.toLowerCase();
    const n = account.toLowerCase();
    return a !== n && (a.includes(n) || n.includes(a)) ? { ...call, args: { ...call.args, account } } : undefined;
  }
  if (!aboutMany.has(call.intent)) return undefined;
  // "renewals" and "retention" with an account in them ask about that account's renewal or risk.
  if (/\bnps\b|\bpromoters?\b|\bdetractors?\b/.test(lower)) return { intent: 'nps', args: { account, days: 90 } };
  if (/\bwhy\b/.test(lower)) return { intent: 'why', args: { account } };
  if (/\brenew/.test(lower)) return { intent: 'account_facts', args: { account, fact: 'renewal' } };
  if (/\b(?:who owns|owner|csm)\b/.test(lower)) return { intent: 'account_facts', args: { account, fact: 'owner' } };
  if (/\bsponsor\b/.test(lower)) return { intent: 'account_facts', args: { account, fact: 'sponsor' } };
  if (/\bseats?\b|\blicen[cs]es?\b/.test(lower)) return { intent: 'account_facts', args: { account, fact: 'seats' } };
  if (/\b(?:arr|mrr|revenue|worth)\b/.test(lower)) return { intent: 'account_facts', args: { account, fact: 'arr' } };
  return { intent: 'health', args: { account } };
}
