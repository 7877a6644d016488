import type { AddressInfo } from 'node:net';
import { createServer, request, type Server } from 'node:http';
import { generateKeyPair, SignJWT, exportJWK } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTend, type RunningTend } from '../../src/app/start-tend.js';
import { ConfigError } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { testClock, testNow } from '../support/test-clock.js';
import { testTendConfig } from '../support/tend-test-config.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The MCP authorization spec's resource-server side against a real OpenID Connect provider run
// locally (oidc-provider): its access token for Tend is accepted and acts as the user its email
// names; a token for another audience, an expired one and one signed by another key are refused.

const audience = 'https://tend.test/mcp';

describe('MCP with an OpenID Connect provider', () => {
  let db: TestDatabase;
  let tend: RunningTend;
  let idp: Server;
  let issuer: string;
  let base: string;

  /** A client-credentials access token from the provider, for `resource`, as a JWT carrying alex's email. */
  const tokenFor = async (resource: string, client = 'tend-assistant', scope = 'tend:read tend:write') => {
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client}:secret-of-${client}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }).toString(),
    });
    const body = (await res.json()) as { access_token?: string; error_description?: string };
    if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
    return body.access_token;
  };
  /** tools/list over node:http, which (unlike fetch) sends the Host header it is given. */
  const listToolsWithHost = (token: string, host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/mcp`,
        {
          method: 'POST',
          headers: {
            host,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }));
    });
  const listTools = (token: string) =>
    fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });

  beforeAll(async () => {
    idp = createServer();
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const signing = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      jwks: { keys: [{ ...(await exportJWK(signing.privateKey)), kid: 'idp-key', alg: 'RS256', use: 'sig' }] },
      clients: ['tend-assistant', 'short-lived', 'unverified'].map((id) => ({
        client_id: id,
        client_secret: `secret-of-${id}`,
        grant_types: ['client_credentials'],
        scope: 'tend:read tend:write',
        redirect_uris: [],
        response_types: [],
      })),
      scopes: ['tend:read', 'tend:write'],
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          getResourceServerInfo: (_ctx: unknown, resource: string) => ({
            scope: 'tend:read tend:write',
            audience: resource,
            accessTokenFormat: 'jwt',
          }),
        },
      },
      // The person the assistant acts for: identity providers put their email in the access token.
      // The 'unverified' client stands for a provider account whose owner typed the admin's address
      // into their profile without proving it.
      extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => ({
        email: 'alex@tend.example',
        email_verified: token.clientId !== 'unverified',
      }),
      ttl: {
        ClientCredentials: (_ctx: unknown, _token: unknown, client: { clientId: string }) =>
          client.clientId === 'short-lived' ? 1 : 600,
      },
    });
    idp.on('request', provider.callback());

    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 42, today: testNow, accounts: 12, historyWeeks: 1 });
    tend = await startTend(
      testTendConfig(db, {
        TEND_MCP_OIDC_ISSUER: issuer,
        TEND_MCP_OIDC_AUDIENCE: audience,
        TEND_PUBLIC_URL: 'https://tend.test',
      }),
      createLogger({ level: 'silent' }),
      testClock,
    );
    base = `http://127.0.0.1:${tend.address.port}`;
  }, 120_000);
  afterAll(async () => {
    await tend?.stop();
    await db?.close();
    await new Promise((r) => idp?.close(r));
  });

  it('accepts the provider’s token for Tend, as the user its email names', async () => {
    const metadata = (await (await fetch(`${base}/.well-known/oauth-protected-resource`)).json()) as {
      authorization_servers: string[];
    };
    expect(metadata.authorization_servers).toEqual([issuer]);
    const res = await listTools(await tokenFor(audience));
    expect(res.status).toBe(200);
    // A browser page on Tend's own public URL may call it without TEND_MCP_ALLOWED_ORIGINS.
    const fromOwnOrigin = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${await tokenFor(audience)}`,
        origin: 'https://tend.test',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(fromOwnOrigin.status).toBe(200);
    const body = (await res.json()) as { result: { tools: { name: string }[] } };
    // Alex is a CSM: the writes are listed for them.
    expect(body.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['account_health', 'log_note']));
  });

  it('refuses a token for another audience, an expired one, and one signed by another key', async () => {
    expect((await listTools(await tokenFor('https://other.example/api'))).status).toBe(401);

    const expiring = await tokenFor(audience, 'short-lived');
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await listTools(expiring)).status).toBe(401);

    // The same claims, signed by a key the provider never published.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (await exportJWK(publicKey)).n!.slice(0, 16);
    const forged = await new SignJWT({
      email: 'alex@tend.example',
      email_verified: true,
      scope: 'tend:read tend:write',
    })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('tend-assistant')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const refused = await listTools(forged);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('resource_metadata=');
  });

  it('refuses a token whose email the provider has not verified, though it names a Tend user', async () => {
    const res = await listTools(await tokenFor(audience, 'unverified'));
    expect(res.status).toBe(401);
  });

  it('takes the audience from configuration only: a token for another service with its Host is refused', async () => {
    // The Host a request claims is the attacker's to choose; before, with no audience configured,
    // Tend expected `<Host>/mcp` and so accepted a token minted for that other service.
    const foreign = await tokenFor('http://other-service.example/mcp');
    expect(await listToolsWithHost(foreign, 'other-service.example')).toBe(401);
    expect(await listToolsWithHost(await tokenFor(audience), 'other-service.example')).toBe(200);
    // And Tend does not start with an identity provider but no audience to check.
    const noAudience = () => testTendConfig(db, { TEND_MCP_OIDC_ISSUER: issuer });
    expect(noAudience).toThrow(ConfigError);
    expect(noAudience).toThrow(/TEND_MCP_OIDC_AUDIENCE is not set/);
  });

  it('maps the provider’s scopes: a token granted tend:read only may not write', async () => {
    const readOnly = await tokenFor(audience, 'tend-assistant', 'tend:read');
    expect((await listTools(readOnly)).status).toBe(200);
    const write = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${readOnly}`,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'log_note', arguments: { account: 'Acme Corp', text: 'from a read-only token' } },
      }),
    });
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });
});
