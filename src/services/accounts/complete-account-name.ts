import type { PrismaClient } from '../../db/client.js';
import { accountNames } from '../../db/repositories/account-lookup.js';
import type { Actor } from '../access/actor.js';

/**
 * Account names that start with what was typed (then those containing it), for an assistant's
 * argument completion; nothing for someone who may not read accounts (a client contact).
 */
export async function completeAccountName(
  prisma: PrismaClient,
  actor: Actor,
  typed: string,
  limit = 20,
): Promise<string[]> {
  if (actor.external || actor.role === 'none') return [];
  const t = typed.trim().toLowerCase();
  const names = (await accountNames(prisma)).map((a) => a.name).sort((a, b) => a.localeCompare(b));
  const starts = names.filter((n) => n.toLowerCase().startsWith(t));
  const contains = t ? names.filter((n) => !n.toLowerCase().startsWith(t) && n.toLowerCase().includes(t)) : [];
  return [...starts, ...contains].slice(0, limit);
}
