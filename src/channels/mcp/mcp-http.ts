import express, { type Request, type Response, type Router } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { ConversationDeps } from '../../conversation/handle-message.js';
import type { Logger } from '../../logging/logger.js';
import type { Actor } from '../../services/access/actor.js';
import { takeRequest } from '../../services/ingest/rate-limit.js';
import { actorForToken, isPersonalAccessToken } from '../../services/mcp/mcp-tokens.js';
import { actorForJwt } from '../../services/mcp/oidc-tokens.js';
import { createMcpServer } from './mcp-server.js';

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

/**
 * Tend as an MCP server over streamable HTTP at /mcp, stateless (a server per request, so any
 * replica answers any call), behind the MCP authorization spec's resource-server side.
 */
export function mcpRouter(deps: McpHttpDeps): Router {
  const router = express.Router();
  const { prisma } = deps.conversation;
  const base = (req: Request) => deps.settings.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const resource = (req: Request) => `${base(req)}/mcp`;

  // Where an assistant learns which identity provider issues tokens for Tend (RFC 9728).
  const metadata = (req: Request, res: Response) => {
    res.json({
      resource: resource(req),
      resource_name: 'Tend',
      authorization_servers: deps.settings.oidc ? [deps.settings.oidc.issuer] : [],
      bearer_methods_supported: ['header'],
      resource_documentation: `${base(req)}/docs/mcp`,
    });
  };
  router.get(metadataPath, metadata);
  router.get(`${metadataPath}/mcp`, metadata);

  const unauthorised = (req: Request, res: Response, why: string) => {
    res
      .status(401)
      .setHeader(
        'WWW-Authenticate',
        `Bearer error="invalid_token", error_description="${why}", resource_metadata="${base(req)}${metadataPath}"`,
      )
      .json({ jsonrpc: '2.0', error: { code: -32001, message: why }, id: null });
  };

  router.all('/mcp', express.json({ limit: '1mb' }), async (req, res) => {
    // DNS rebinding: a browser page may call only from an origin the admin allowed.
    const origin = req.get('origin');
    if (origin && !deps.settings.allowedOrigins.includes(origin)) {
      res
        .status(403)
        .json({ jsonrpc: '2.0', error: { code: -32000, message: `Origin ${origin} is not allowed` }, id: null });
      return;
    }
    if (req.method !== 'POST') {
      // Stateless: no server-initiated stream to resume, no session to end.
      res
        .status(405)
        .setHeader('Allow', 'POST')
        .json({ jsonrpc: '2.0', error: { code: -32000, message: 'Use POST' }, id: null });
      return;
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return unauthorised(req, res, 'a bearer token is required');
    const now = new Date();
    const who: { actor: Actor; rateKey: string } | undefined = isPersonalAccessToken(token)
      ? await actorForToken(prisma, token, now)
      : deps.settings.oidc
        ? await actorForJwt(prisma, token, {
            issuer: deps.settings.oidc.issuer,
            audience: deps.settings.oidc.audience ?? resource(req),
          })
        : undefined;
    if (!who) return unauthorised(req, res, 'the token is not valid for Tend');
    const rate = await takeRequest(prisma, who.rateKey, now, deps.settings.ratePerMinute);
    if (!rate.allowed) {
      res
        .status(429)
        .setHeader('Retry-After', String(rate.retryAfterSeconds))
        .json({ jsonrpc: '2.0', error: { code: -32000, message: 'Too many calls; retry shortly' }, id: null });
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
