import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { PrismaClient } from '../../db/client.js';
import { taskById } from '../../services/plays/play-views.js';

// Writes that reach outside Tend (a message or survey to a client, a CRM record) ask the person
// first, through the assistant (MCP elicitation), saying what will be sent. Only where the client
// can be asked: a stateless HTTP call cannot put a question to its client, so there the assistant
// is told, by the tool's description, to confirm with the user itself.

const what: Record<string, string> = {
  survey_champion: 'send a survey to the client’s champion',
  check_in_champion: 'send a check-in message to the client’s champion',
  post_escalation: 'post an escalation',
  crm_task: 'create a task in the CRM',
  draft_qbr: 'draft a QBR',
};

/** What approving a task would do, in words for the person; undefined when it is not awaiting approval. */
export async function approvalQuestion(
  prisma: PrismaClient,
  args: Record<string, unknown>,
): Promise<string | undefined> {
  if (args.action !== 'approve' || typeof args.taskId !== 'string') return undefined;
  const task = await taskById(prisma, args.taskId);
  if (!task || task.state !== 'AWAITING_APPROVAL') return undefined;
  const text = typeof args.message === 'string' ? args.message : task.message;
  return `Approve “${task.title}” for ${task.accountName} (${task.playName})? Tend will ${what[task.action ?? ''] ?? 'carry out the step'}${text ? `, with this text:\n\n${text}` : '.'}`;
}

/** Asks the person through the client; true only when they said yes. Undefined when the client cannot be asked. */
export async function confirmWithPerson(server: McpServer, question: string): Promise<boolean | undefined> {
  if (!server.server.getClientCapabilities()?.elicitation?.form) return undefined;
  const answer = await server.server.elicitInput({
    mode: 'form',
    message: question,
    requestedSchema: {
      type: 'object',
      properties: {
        confirm: { type: 'boolean', title: 'Send it', description: 'Yes: Tend carries out the step now.' },
      },
      required: ['confirm'],
    },
  });
  return answer.action === 'accept' && answer.content?.confirm === true;
}
