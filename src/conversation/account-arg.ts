import { z } from 'zod';
import { findAccount, type AccountName } from '../services/accounts/find-account.js';
import type { Reply } from '../replies/reply.js';
import { unmatchedReply, type Retry } from './account-replies.js';
import type { IntentContext } from './intent.js';

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
