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

/** What a token may do: read Tend's answers; write (notes, snoozes, plays, approvals) as well. */
export type TokenScope = 'tend:read' | 'tend:write';
export const tokenScopes: readonly TokenScope[] = ['tend:read', 'tend:write'];
export const defaultTokenDays = 90;
const dayMs = 86_400_000;

type TokenOptions = {
  label?: string;
  /** Default both: the person's role still decides what they may write. */
  scopes?: readonly TokenScope[];
  /** Days until it is refused (1 to 365; default 90), counted from `now`. */
  expiresInDays?: number;
  now?: Date;
};

export async function createMcpToken(
  prisma: PrismaClient,
  input: ({ email: string } | { userId: string }) & TokenOptions,
): Promise<{ id: string; token: string; email: string; scopes: TokenScope[]; expiresAt: Date }> {
  const days = input.expiresInDays ?? defaultTokenDays;
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new McpTokenError(`A token lasts 1 to 365 days, not ${days}.`);
  const scopes: TokenScope[] = input.scopes?.length ? [...new Set(input.scopes)] : [...tokenScopes];
  const user =
    'email' in input
      ? await prisma.user.findUnique({ where: { email: input.email.toLowerCase() }, select: { id: true, email: true } })
      : await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user)
    throw new McpTokenError(
      `No Tend user ${'email' in input ? input.email : input.userId}; import them first (tend import users.csv).`,
    );
  const { id, secret, secretHash } = newBearerSecret();
  const createdAt = input.now ?? new Date();
  const expiresAt = new Date(createdAt.getTime() + days * dayMs);
  await prisma.mcpToken.create({
    data: {
      id,
      userId: user.id,
      secretHash,
      scopes,
      createdAt,
      expiresAt,
      ...(input.label ? { label: input.label } : {}),
    },
  });
  return { id, token: `tend_mcp_${id}_${secret}`, email: user.email, scopes, expiresAt };
}

/** Every token, or one person's (chat shows people their own); never a secret. */
export async function listMcpTokens(prisma: PrismaClient, options: { userId?: string } = {}) {
  const rows = await prisma.mcpToken.findMany({
    ...(options.userId ? { where: { userId: options.userId } } : {}),
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.user.email,
    label: r.label,
    scopes: r.scopes,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes a token at once (only if it is `userId`'s, when given); true if it was active. */
export async function revokeMcpToken(prisma: PrismaClient, id: string, now: Date, userId?: string): Promise<boolean> {
  const { count } = await prisma.mcpToken.updateMany({
    where: { id, revokedAt: null, ...(userId ? { userId } : {}) },
    data: { revokedAt: now },
  });
  return count === 1;
}

/** The person a Tend user acts as, by email (tend mcp --as, an identity provider's token). */
export { actorForEmail as actorForUser } from '../access/identity.js';

export const isPersonalAccessToken = (token: string) => tokenPattern.test(token);

/** Who a token stands for, what it may do, and the key its calls are counted under. */
export interface TokenHolder {
  actor: Actor;
  rateKey: string;
  scopes: TokenScope[];
}

/** The actor a personal access token stands for; undefined when unknown, malformed, revoked or expired. */
export async function actorForToken(prisma: PrismaClient, token: string, now: Date): Promise<TokenHolder | undefined> {
  const m = tokenPattern.exec(token);
  if (!m) return undefined;
  const [row] = await prisma.$queryRaw<
    {
      secretHash: string;
      scopes: string[];
      expiresAt: Date | null;
      revokedAt: Date | null;
      lastUsedAt: Date | null;
      userId: string;
    }[]
  >`
    SELECT t."secretHash", t.scopes, t."expiresAt", t."revokedAt", t."lastUsedAt", t."userId"
    FROM "McpToken" t
    WHERE t.id = ${m[1]!}`;
  if (!row || row.revokedAt) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return undefined;
  if (!secretMatches(m[2]!, row.secretHash)) return undefined;
  // "Last used" to the minute is enough for an admin, and spares a write on every call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await prisma.mcpToken.update({ where: { id: m[1]! }, data: { lastUsedAt: now } });
  // Someone the book knows as a client contact is a client, whatever else they are (resolvePerson).
  const actor = actorOfPerson(await resolvePerson(prisma, { userId: row.userId }));
  if (!actor) return undefined;
  return { actor, rateKey: `mcp:${m[1]!}`, scopes: row.scopes.filter(isTokenScope) };
}

export const isTokenScope = (s: string): s is TokenScope => (tokenScopes as readonly string[]).includes(s);
