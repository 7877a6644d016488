import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ConversationDeps } from '../../conversation/handle-message.js';
import { runCall } from '../../conversation/handle-message.js';
import { replyMarkdown } from '../../replies/reply-markdown.js';
import type { Reply } from '../../replies/reply.js';
import { AccessDenied, type Actor } from '../../services/access/actor.js';
import { InputError } from '../../services/accounts/input-error.js';
import { registerResourcesAndPrompts } from './mcp-resources.js';
import { mcpToolSpecs, replyOutputSchema } from './mcp-tools.js';

export const mcpServerInfo = { name: 'tend', version: '1.0.0' } as const;

// One validator for every per-request server: building its Ajv instance cost ~0.4 ms a call.
const sharedValidator = new AjvJsonSchemaValidator();

/** The neutral reply as a tool result: Markdown for the model to read, the same reply as structured data. */
function toolResult(reply: Reply, answeredAt: Date, isError = false) {
  const { headline, tone, facts, bars, sections, table, suggestions } = reply;
  // What the buttons would do, so a model can act on what it was shown (a task's or an alert's id).
  const actions = (reply.buttons ?? []).flatMap((b) =>
    b.call ? [{ label: b.label, intent: b.call.intent, args: b.call.args }] : [],
  );
  return {
    content: [{ type: 'text' as const, text: replyMarkdown(reply) }],
    structuredContent: {
      headline,
      tone,
      ...(facts ? { facts } : {}),
      ...(bars ? { bars } : {}),
      ...(sections ? { sections } : {}),
      ...(table ? { table } : {}),
      ...(suggestions ? { suggestions } : {}),
      ...(actions.length ? { actions } : {}),
      answeredAt: answeredAt.toISOString(),
    },
    ...(isError ? { isError: true } : {}),
  };
}

/**
 * An MCP server for one person: each tool runs its intent as them, through the same argument and
 * access checks as chat, and returns the core's numbers, never a model's.
 */
export function createMcpServer(deps: ConversationDeps, actor: Actor): McpServer {
  const server = new McpServer(mcpServerInfo, {
    jsonSchemaValidator: sharedValidator,
    instructions:
      'Tend answers questions about a Customer Success portfolio: account health and why it moved, at-risk accounts, renewals, NPS and feedback, QBR drafts. Every number comes from Tend’s scoring; quote them as given, with the freshness the answer states.',
  });
  for (const spec of mcpToolSpecs(actor)) {
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: spec.inputSchema,
        outputSchema: replyOutputSchema,
        annotations: {
          title: spec.title,
          readOnlyHint: !spec.write,
          destructiveHint: false,
          idempotentHint: !spec.write,
          openWorldHint: false,
        },
      },
      async (args: Record<string, unknown>) => {
        const now = deps.now();
        try {
          const reply = await runCall(deps, spec.call(args), { channel: 'mcp', actor });
          return toolResult(reply, now, reply.tone === 'error');
        } catch (error) {
          if (error instanceof AccessDenied || error instanceof InputError)
            return toolResult({ headline: error.message, tone: 'error' }, now, true);
          const reference = randomUUID().slice(0, 8);
          deps.logError?.(error, { reference, text: `[mcp ${spec.name}]` });
          return toolResult(
            { headline: `Something went wrong on Tend’s side (reference ${reference}).`, tone: 'error' },
            now,
            true,
          );
        }
      },
    );
  }
  registerResourcesAndPrompts(server, deps, actor);
  return server;
}
