import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { PrismaClient } from '../../db/client.js';
import { actorForUser, type TokenHolder, type TokenScope } from './mcp-tokens.js';

// Access tokens from the organisation's identity provider (the MCP authorization spec's resource
// server side): signature from the provider's JWKS, issuer, audience = Tend's resource, expiry; the
// token's email names the Tend user.

export interface OidcSettings {
  issuer: string;
  /** The audience tokens must carry, from configuration only (TEND_MCP_OIDC_AUDIENCE or TEND_PUBLIC_URL/mcp). */
  audience: string;
}

const keySets = new Map<string, JWTVerifyGetKey>();

async function keysOf(issuer: string): Promise<JWTVerifyGetKey> {
  let keys = keySets.get(issuer);
  if (keys) return keys;
  const discovery = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!discovery.ok) throw new Error(`identity provider discovery failed: HTTP ${discovery.status}`);
  const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri?: string };
  if (!jwksUri) throw new Error('identity provider discovery names no jwks_uri');
  keys = createRemoteJWKSet(new URL(jwksUri));
  keySets.set(issuer, keys);
  return keys;
}

/**
 * The email a token proves, or undefined. `email` counts only with `email_verified` true (a provider
 * may let anyone type any address into their profile); `upn` is the sign-in name an Entra tenant's
 * admins assign within the tenant's verified domains. `preferred_username` is editable and never
 * verified, so it names no one.
 */
export function verifiedEmail(payload: JWTPayload): string | undefined {
  const isAddress = (v: unknown): v is string => typeof v === 'string' && v.includes('@');
  // Some providers (Amazon Cognito) send the flag as the string "true".
  const verified = payload.email_verified === true || payload.email_verified === 'true';
  if (isAddress(payload.email) && verified) return payload.email;
  if (isAddress(payload.upn)) return payload.upn;
  return undefined;
}

/**
 * The Tend scopes a token was granted: `scope` (space-separated, RFC 9068) or Entra's `scp`, where
 * `tend:read` or `tend.read` reads and `tend:write` or `tend.write` writes (and reads).
 */
export function grantedScopes(payload: JWTPayload): TokenScope[] {
  const raw = [payload.scope, payload.scp].flatMap((v) =>
    typeof v === 'string' ? v.split(' ') : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [],
  );
  const names = new Set(raw.map((s) => s.replace('.', ':')));
  if (names.has('tend:write')) return ['tend:read', 'tend:write'];
  return names.has('tend:read') ? ['tend:read'] : [];
}

/** The actor an identity provider's access token stands for; undefined when it does not verify. */
export async function actorForJwt(
  prisma: PrismaClient,
  token: string,
  settings: OidcSettings,
): Promise<TokenHolder | undefined> {
  try {
    const { payload } = await jwtVerify(token, await keysOf(settings.issuer), {
      issuer: settings.issuer,
      // Expiry on the real clock, as signatures are: never the app's (a test's fixed day).
      audience: settings.audience,
    });
    const email = verifiedEmail(payload);
    if (!email) return undefined;
    const actor = await actorForUser(prisma, email);
    return actor ? { actor, rateKey: `mcp:jwt:${payload.sub ?? email}`, scopes: grantedScopes(payload) } : undefined;
  } catch {
    return undefined;
  }
}
