import { z } from 'zod';
import { findAccount, type AccountName } from '../services/accounts/find-account.js';
import type { Reply } from '../replies/reply.js';
import { unmatchedReply, type Retry } from './account-replies.js';
import type { IntentContext, IntentRule, IntentTool } from './intent.js';
import { afterVerb, stripAccount } from './phrases.js';

/** An account as typed (name, alias, domain, id), or as a button or form names it. */
export const accountText = z.string().trim().min(1).max(200);

/** The account a request names, or the "did you mean" reply that offers the same request again. */
export async function accountOrReply(
  context: IntentContext,
  query: string,
  retry: Retry,
): Promise<{ account: AccountName; reply?: undefined } | { reply: Reply }> {
  const match = await findAccount(context.deps.prisma, query);
  if (match.kind !== 'found') return { reply: unmatchedReply(query, match, retry) };
  return { account: match.account };
}

/** "<verb> <account>" at the command-verb priority: "health Acme Corp", "/tend plan acme". */
export function accountVerbRule(verb: string): IntentRule<{ account: string }> {
  return {
    priority: 60,
    match: (phrase) => {
      const rest = afterVerb(phrase, verb);
      return rest ? { account: stripAccount(rest) } : undefined;
    },
  };
}

/** A read-only model tool that takes one account. */
export function accountTool(name: string, description: string): IntentTool<{ account: string }> {
  return {
    name,
    description,
    parameters: z.object({ account: z.string().min(1).max(200) }),
    toArgs: (p) => ({ account: p.account as string }),
  };
}

/** The same request for another account ("did you mean" buttons): `<verb> <name>`, plus fixed arguments. */
export function sameRequestFor(intent: string, verb: string, extra: Record<string, unknown> = {}, suffix = ''): Retry {
  return (c) => ({ command: `${verb} ${c.name}${suffix}`, intent, args: { account: c.name, ...extra } });
}
