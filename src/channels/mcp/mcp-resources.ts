import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { runCall, type ConversationDeps } from '../../conversation/handle-message.js';
import { replyMarkdown } from '../../replies/reply-markdown.js';
import type { Reply } from '../../replies/reply.js';
import { AccessDenied, type Actor } from '../../services/access/actor.js';
import { completeAccountName } from '../../services/accounts/complete-account-name.js';
import { InputError } from '../../services/accounts/input-error.js';

// Documents an assistant can attach (an account's health report, a QBR draft) and the prompts for the
// jobs people ask assistants to do with Tend. Both run the same intents, as the same person.

async function answerOrRefusal(
  deps: ConversationDeps,
  actor: Actor,
  intent: string,
  args: Record<string, unknown>,
): Promise<Reply> {
  try {
    return await runCall(deps, { intent, args }, { channel: 'mcp', actor });
  } catch (error) {
    if (error instanceof AccessDenied || error instanceof InputError) return { headline: error.message, tone: 'error' };
    throw error;
  }
}

export function registerResourcesAndPrompts(server: McpServer, deps: ConversationDeps, actor: Actor): void {
  const document = (name: string, intent: string, title: string, description: string) =>
    server.registerResource(
      name,
      new ResourceTemplate(`tend://accounts/{account}/${name}`, {
        list: undefined,
        complete: { account: (typed) => completeAccountName(deps.prisma, actor, typed) },
      }),
      { title, description, mimeType: 'text/markdown' },
      async (uri, variables) => {
        const account = decodeURIComponent(String(variables.account ?? ''));
        const reply = await answerOrRefusal(deps, actor, intent, { account });
        return {
          contents: [{ uri: uri.href, mimeType: 'text/markdown', text: replyMarkdown(reply, { plain: true }) }],
        };
      },
    );
  document(
    'health',
    'health',
    'Account health report',
    'An account’s health score, band, dimensions, what changed and what to do, with how fresh its data is. {account} is the account’s name.',
  );
  document(
    'qbr',
    'qbr',
    'QBR draft',
    'A quarterly business review draft for the last completed quarter (the current one so far for a new account): every figure from Tend’s scoring, the wording checked against them.',
  );

  server.registerPrompt(
    'prepare_renewal_calls',
    {
      title: 'Prepare my renewal calls this week',
      description: 'The accounts renewing in the next 7 days in my book, each with its health and what to raise.',
    },
    () => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: 'Use Tend. Call list_renewals for the next 7 days in my own book. For each account, call account_health and explain_score, then give me, per call: the renewal date, the health score and band as Tend states them, the two things to raise, and the risk to watch. Quote Tend’s numbers exactly and say how fresh the data is.',
          },
        },
      ],
    }),
  );
  server.registerPrompt(
    'brief_me_on_account',
    {
      title: 'Brief me on an account',
      description: 'A one-page brief: health and why, the people, the success plan, the voice of the customer.',
      argsSchema: {
        account: completable(z.string().min(1).max(200).describe('The account’s name, e.g. Acme Corp'), (typed) =>
          completeAccountName(deps.prisma, actor, typed),
        ),
      },
    },
    ({ account }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Use Tend to brief me on ${account}: call account_health, explain_score, account_contacts, success_plan and feedback_summary for it. Write a one-page brief (health and why it moved, who to talk to, where the success plan stands, what the customer said), quoting Tend’s numbers exactly with how fresh they are.`,
          },
        },
      ],
    }),
  );
}
