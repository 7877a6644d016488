import type { PrismaClient } from '../../db/client.js';
import { newBearerSecret, secretMatches } from '../access/bearer-secrets.js';
import type { Actor } from '../access/actor.js';
import { actorOfPerson, resolvePerson } from '../access/identity.js';

// Personal access tokens for AI assistants: `tend_mcp_<id>_<secret>` (bearer-secrets.ts), shown once.

const tokenPattern = /^tend_mcp_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export class McpTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpTokenError';
  }
}

export async function createMcpToken(
  prisma: PrismaClient,
  input: { email: string; label?: string } | { userId: string; label?: string },
): Promise<{ id: string; token: string; email: string }> {
  const user =
    'email' in input
      ? await prisma.user.findUnique({ where: { email: input.email.toLowerCase() }, select: { id: true, email: true } })
      : await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user)
    throw new McpTokenError(
      `No Tend user ${'email' in input ? input.email : input.userId}; import them first (tend import users.csv).`,
    );
  const { id, secret, secretHash } = newBearerSecret();
  await prisma.mcpToken.create({
    data: { id, userId: user.id, secretHash, ...(input.label ? { label: input.label } : {}) },
  });
  return { id, token: `tend_mcp_${id}_${secret}`, email: user.email };
}

export async function listMcpTokens(prisma: PrismaClient) {
  const rows = await prisma.mcpToken.findMany({
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.user.email,
    label: r.label,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes a token at once; true if it was active. */
export async function revokeMcpToken(prisma: PrismaClient, id: string, now: Date): Promise<boolean> {
  const { count } = await prisma.mcpToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/** The person a Tend user acts as, by email (tend mcp --as, an identity provider's token). */
export { actorForEmail as actorForUser } from '../access/identity.js';

export const isPersonalAccessToken = (token: string) => tokenPattern.test(token);

/** The actor a personal access token stands for, with the key its calls are counted under; undefined when unknown, malformed or revoked. */
export async function actorForToken(
  prisma: PrismaClient,
  token: string,
  now: Date,
): Promise<{ actor: Actor; rateKey: string } | undefined> {
  const m = tokenPattern.exec(token);
  if (!m) return undefined;
  const [row] = await prisma.$queryRaw<
    {
      secretHash: string;
      revokedAt: Date | null;
      lastUsedAt: Date | null;
      userId: string;
    }[]
  >`
    SELECT t."secretHash", t."revokedAt", t."lastUsedAt", t."userId"
    FROM "McpToken" t
    WHERE t.id = ${m[1]!}`;
  if (!row || row.revokedAt) return undefined;
  if (!secretMatches(m[2]!, row.secretHash)) return undefined;
  // "Last used" to the minute is enough for an admin, and spares a write on every call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await prisma.mcpToken.update({ where: { id: m[1]! }, data: { lastUsedAt: now } });
  // Someone the book knows as a client contact is a client, whatever else they are (resolvePerson).
  const actor = actorOfPerson(await resolvePerson(prisma, { userId: row.userId }));
  if (!actor) return undefined;
  return { actor, rateKey: `mcp:${m[1]!}` };
}
