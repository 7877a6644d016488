import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { PrismaClient } from '../../db/client.js';
import type { Actor } from '../access/actor.js';
import { actorForUser } from './mcp-tokens.js';

// Access tokens from the organisation's identity provider (the MCP authorization spec's resource
// server side): signature from the provider's JWKS, issuer, audience = Tend's resource, expiry; the
// token's email names the Tend user.

export interface OidcSettings {
  issuer: string;
  /** The audience tokens must carry: Tend's /mcp URL unless the provider is set up otherwise. */
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
    const email = [payload.email, payload.preferred_username, payload.upn].find(
      (v): v is string => typeof v === 'string' && v.includes('@'),
    );
    if (!email) return undefined;
    const actor = await actorForUser(prisma, email);
    return actor ? { actor, rateKey: `mcp:jwt:${payload.sub ?? email}` } : undefined;
  } catch {
    return undefined;
  }
}
