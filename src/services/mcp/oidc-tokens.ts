import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { PrismaClient } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { actorForUser } from './mcp-tokens.js';

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

/** The actor an identity provider's access token stands for; undefined when it does not verify. */
export async function actorForJwt(
  prisma: PrismaClient,
  token: string,
  settings: OidcSettings,
): Promise<{ actor: Actor; rateKey: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, await keysOf(settings.issuer), {
      issuer: settings.issuer,
      // Expiry on the real clock, as signatures are: never the app's (a test's fixed day).
      audience: settings.audience,
    });
    const email = verifiedEmail(payload);
    if (!email) return undefined;
    const actor = await actorForUser(prisma, email);
    return actor ? { actor, rateKey: `mcp:jwt:${payload.sub ?? email}` } : undefined;
  } catch {
    return undefined;
  }
}
