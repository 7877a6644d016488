import express, { type Request, type Response, type Router } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { ConversationDeps } from '../../conversation/handle-message.js';
import type { Logger } from '../../logging/logger.js';
import { takeRequest } from '../../services/ingest/rate-limit.js';
import {
  actorForToken,
  isPersonalAccessToken,
  tokenScopes,
  type TokenHolder,
  type TokenScope,
} from '../../services/mcp/mcp-tokens.js';
import { actorForJwt } from '../../services/mcp/oidc-tokens.js';
import { createMcpServer } from './mcp-server.js';
import { scopeOfTool } from './mcp-tools.js';

export interface McpHttpDeps {
  conversation: ConversationDeps;
  logger: Logger;
  settings: {
    publicUrl?: string;
    allowedOrigins: string[];
    oidc?: { issuer: string; audience: string };
    ratePerMinute: number;
  };
}

const metadataPath = '/.well-known/oauth-protected-resource';

const isLoopback = (origin: string) => {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
};

/** The scope a JSON-RPC message (or batch) needs: writing for a write tool, reading for the rest. */
function scopeNeeded(body: unknown): TokenScope | undefined {
  const messages = (Array.isArray(body) ? body : [body]) as { method?: unknown; params?: { name?: unknown } }[];
  let needed: TokenScope | undefined;
  for (const m of messages) {
    if (typeof m?.method !== 'string') continue;
    const scope =
      m.method === 'tools/call' && typeof m.params?.name === 'string' ? scopeOfTool(m.params.name) : undefined;
    if (scope === 'tend:write') return scope;
    needed = 'tend:read';
  }
  return needed;
}

/**
 * Tend as an MCP server over streamable HTTP at /mcp, stateless (a server per request, so any
 * replica answers any call), behind the MCP authorization spec's resource-server side.
 */
export function mcpRouter(deps: McpHttpDeps): Router {
  const router = express.Router();
  const { prisma } = deps.conversation;
  const base = (req: Request) => deps.settings.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const resource = (req: Request) => `${base(req)}/mcp`;

  // Where an assistant learns which identity provider issues tokens for Tend, and which scopes to
  // ask for (RFC 9728). No authorization server is named when there is none (personal tokens only).
  const metadata = (req: Request, res: Response) => {
    res.json({
      resource: resource(req),
      resource_name: 'Tend',
      ...(deps.settings.oidc ? { authorization_servers: [deps.settings.oidc.issuer] } : {}),
      scopes_supported: tokenScopes,
      bearer_methods_supported: ['header'],
    });
  };
  router.get(metadataPath, metadata);
  router.get(`${metadataPath}/mcp`, metadata);

  const pointer = (req: Request) => `resource_metadata="${base(req)}${metadataPath}"`;
  const jsonRpcError = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });
  // RFC 6750 §3.1: a request that sent no token gets the challenge without an error code.
  const noToken = (req: Request, res: Response) =>
    res
      .status(401)
      .setHeader('WWW-Authenticate', `Bearer ${pointer(req)}, scope="${tokenScopes.join(' ')}"`)
      .json(jsonRpcError(-32001, 'a bearer token is required'));
  const unauthorised = (req: Request, res: Response, why: string) =>
    res
      .status(401)
      .setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${why}", ${pointer(req)}`)
      .json(jsonRpcError(-32001, why));
  const insufficient = (req: Request, res: Response, needed: TokenScope) =>
    res
      .status(403)
      .setHeader(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${needed}", error_description="this call needs the ${needed} scope", ${pointer(req)}`,
      )
      .json(jsonRpcError(-32001, `This call needs the ${needed} scope, which the token was not given.`));

  // The browser origins allowed: the configured ones, Tend's own (its public URL), and pages on this
  // machine (a local inspector). Never the request's Host: under DNS rebinding, Origin and Host are
  // both the attacker's name, and a rebinding page's Origin is never a loopback one.
  const ownOrigin = deps.settings.publicUrl ? new URL(deps.settings.publicUrl).origin : undefined;
  const allowedOrigins = new Set([...deps.settings.allowedOrigins, ...(ownOrigin ? [ownOrigin] : [])]);

  router.all('/mcp', express.json({ limit: '1mb' }), async (req, res) => {
    // DNS rebinding: a browser page may call only from an origin the admin allowed.
    const origin = req.get('origin');
    if (origin && !allowedOrigins.has(origin) && !isLoopback(origin)) {
      res.status(403).json(jsonRpcError(-32000, `Origin ${origin} is not allowed`));
      return;
    }
    if (req.method !== 'POST') {
      // Stateless: no server-initiated stream to resume, no session to end.
      res.status(405).setHeader('Allow', 'POST').json(jsonRpcError(-32000, 'Use POST'));
      return;
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return noToken(req, res);
    const now = new Date();
    const who: TokenHolder | undefined = isPersonalAccessToken(token)
      ? // Expiry on the app's clock, the one tokens are made on (chat's "connect an AI assistant").
        await actorForToken(prisma, token, deps.conversation.now())
      : deps.settings.oidc
        ? await actorForJwt(prisma, token, deps.settings.oidc)
        : undefined;
    if (!who) return unauthorised(req, res, 'the token is not valid for Tend');
    const needed = scopeNeeded(req.body);
    if (needed && !who.scopes.includes(needed)) return insufficient(req, res, needed);
    const rate = await takeRequest(prisma, who.rateKey, now, deps.settings.ratePerMinute);
    if (!rate.allowed) {
      res
        .status(429)
        .setHeader('Retry-After', String(rate.retryAfterSeconds))
        .json(jsonRpcError(-32000, 'Too many calls; retry shortly'));
      return;
    }
    const server = createMcpServer(deps.conversation, who.actor);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      deps.logger.error({ err: error }, 'MCP request failed');
      if (!res.headersSent)
        res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null });
    }
  });
  return router;
}
