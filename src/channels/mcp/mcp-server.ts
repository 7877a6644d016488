import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ConversationDeps } from '../../conversation/handle-message.js';
import { runCall } from '../../conversation/handle-message.js';
import { replyMarkdown } from '../../replies/reply-markdown.js';
import type { Reply } from '../../replies/reply.js';
import { AccessDenied, type Actor } from '../../services/access/actor.js';
import { InputError } from '../../services/accounts/input-error.js';
import { approvalQuestion, confirmWithPerson } from './mcp-confirm.js';
import { cursorFor, readCursor } from './mcp-cursor.js';
import { registerResourcesAndPrompts } from './mcp-resources.js';
import { mcpToolSpecs, replyOutputSchema, type McpToolSpec } from './mcp-tools.js';

export const mcpServerInfo = { name: 'tend', version: '1.0.0' } as const;

// One validator for every per-request server: building its Ajv instance cost ~0.4 ms a call.
const sharedValidator = new AjvJsonSchemaValidator();

const defaultPageSize = 50;

type Scalar = string | number | boolean;
const scalarsOf = (args: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(args).filter((e): e is [string, Scalar] => ['string', 'number', 'boolean'].includes(typeof e[1])),
  );

/** The same call with the argument that named `query` naming `candidate` instead. */
function retryWith(spec: McpToolSpec, args: Record<string, unknown>, query: string, candidate: string) {
  const key = Object.keys(args).find(
    (k) => typeof args[k] === 'string' && (args[k] as string).trim().toLowerCase() === query.trim().toLowerCase(),
  );
  const { cursor: _cursor, ...rest } = args;
  return { tool: spec.name, arguments: scalarsOf({ ...rest, [key ?? 'account']: candidate }) };
}

/** The neutral reply as a tool result: Markdown for the model to read, the same reply as structured data. */
function toolResult(
  reply: Reply,
  answeredAt: Date,
  options: {
    isError?: boolean;
    nextCursor?: string;
    suggestions?: { tool: string; arguments: Record<string, Scalar> }[];
  } = {},
) {
  const { headline, tone, facts, bars, sections, table, page, figures } = reply;
  // What the buttons would do, so a model can act on what it was shown (a task's or an alert's id).
  const actions = (reply.buttons ?? []).flatMap((b) =>
    b.call ? [{ label: b.label, intent: b.call.intent, args: scalarsOf(b.call.args) }] : [],
  );
  const definedFigures = figures
    ? Object.fromEntries(Object.entries(figures).filter((e): e is [string, number | string] => e[1] !== null))
    : undefined;
  const lines: string[] = [];
  if (page)
    lines.push(
      page.returned
        ? `Rows ${page.offset + 1} to ${page.offset + page.returned} of ${page.total}.${options.nextCursor ? ` More remain: call again with cursor "${options.nextCursor}".` : ''}`
        : `No rows from ${page.offset + 1}; the list has ${page.total}.`,
    );
  for (const s of options.suggestions ?? [])
    lines.push(`Did you mean: call ${s.tool} with ${JSON.stringify(s.arguments)}`);
  const text =
    replyMarkdown({ ...reply, suggestions: [] }, { plain: true }) + (lines.length ? `\n${lines.join('\n')}\n` : '');
  return {
    content: [{ type: 'text' as const, text }],
    structuredContent: {
      headline,
      tone,
      ...(facts ? { facts } : {}),
      ...(definedFigures && Object.keys(definedFigures).length ? { figures: definedFigures } : {}),
      ...(bars
        ? {
            bars: bars.map((b) => ({
              label: b.label,
              ...(b.score === null ? {} : { score: b.score }),
              ...(b.note ? { note: b.note } : {}),
            })),
          }
        : {}),
      ...(sections ? { sections } : {}),
      ...(table ? { table } : {}),
      ...(page ? { page } : {}),
      ...(options.nextCursor ? { nextCursor: options.nextCursor } : {}),
      ...(options.suggestions?.length ? { suggestions: options.suggestions } : {}),
      ...(actions.length ? { actions } : {}),
      answeredAt: answeredAt.toISOString(),
    },
    ...(options.isError ? { isError: true } : {}),
  };
}

/**
 * An MCP server for one person: each tool runs its intent as them, through the same argument and
 * access checks as chat, and returns the core's numbers, never a model's.
 */
export function createMcpServer(deps: ConversationDeps, actor: Actor): McpServer {
  const server = new McpServer(mcpServerInfo, {
    jsonSchemaValidator: sharedValidator,
    capabilities: { logging: {} },
    instructions:
      'Tend answers questions about a Customer Success portfolio: account health and why it moved, at-risk accounts, renewals, NPS and feedback, QBR drafts. Every number comes from Tend’s scoring; quote them as given, with the freshness the answer states. Lists come in pages: when an answer has nextCursor, call the same tool with it for the rest.',
  });
  for (const spec of mcpToolSpecs(actor)) {
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: spec.inputSchema,
        outputSchema: replyOutputSchema,
        annotations: { title: spec.title, ...spec.annotations },
      },
      async (args: Record<string, unknown>) => {
        const now = deps.now();
        try {
          let page: { offset: number; size: number } | undefined;
          if (spec.paged) {
            const size = typeof args.limit === 'number' ? args.limit : defaultPageSize;
            const offset = typeof args.cursor === 'string' ? readCursor(args.cursor, spec.name, args) : 0;
            if (offset === undefined)
              return toolResult(
                {
                  headline: `That cursor is not from this ${spec.name} call (other arguments, or changed): call ${spec.name} without a cursor to start from the first row.`,
                  tone: 'error',
                },
                now,
                { isError: true },
              );
            page = { offset, size };
          }
          if (spec.name === 'act_on_task') {
            const question = await approvalQuestion(deps.prisma, args);
            if (question && (await confirmWithPerson(server, question)) === false)
              return toolResult(
                { headline: 'Not approved: the person did not confirm. Nothing was sent.', tone: 'info' },
                now,
              );
          }
          const reply = await runCall(deps, spec.call(args, page), { channel: 'mcp', actor });
          if (reply.unresolved)
            return toolResult(reply, now, {
              isError: true,
              suggestions: reply.unresolved.candidates.map((c) => retryWith(spec, args, reply.unresolved!.query, c)),
            });
          const next =
            reply.page && reply.page.offset + reply.page.returned < reply.page.total
              ? cursorFor(spec.name, args, reply.page.offset + reply.page.returned)
              : undefined;
          return toolResult(reply, now, { isError: reply.tone === 'error', ...(next ? { nextCursor: next } : {}) });
        } catch (error) {
          if (error instanceof AccessDenied || error instanceof InputError)
            return toolResult({ headline: error.message, tone: 'error' }, now, { isError: true });
          const reference = randomUUID().slice(0, 8);
          deps.logError?.(error, { reference, text: `[mcp ${spec.name}]` });
          return toolResult(
            { headline: `Something went wrong on Tend’s side (reference ${reference}).`, tone: 'error' },
            now,
            { isError: true },
          );
        }
      },
    );
  }
  registerResourcesAndPrompts(server, deps, actor);
  // One server per request (stateless): it never notifies a client that a list changed.
  server.server.registerCapabilities({
    tools: { listChanged: false },
    resources: { listChanged: false },
    prompts: { listChanged: false },
  });
  return server;
}
