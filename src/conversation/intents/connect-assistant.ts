import { z } from 'zod';
import { createMcpToken } from '../../services/mcp/mcp-tokens.js';
import { defineIntent } from '../intent.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'connect an AI assistant',
  'connect Claude',
  'use Tend in ChatGPT',
  'set up MCP',
  'hook up Copilot',
  'give me a token for my assistant',
  'connect my AI',
  'how do I connect Cursor',
  'MCP token',
  'link Tend to Claude desktop',
  'add Tend to ChatGPT',
  'personal access token for MCP',
  'connect Tend to my assistant',
  'use Tend from Copilot',
  'AI assistant setup',
];

/**
 * "connect an AI assistant": a personal access token for Claude, ChatGPT, Copilot or Cursor, made for
 * the person asking and shown once, in their direct message with Tend only.
 */
export default defineIntent({
  name: 'connect_assistant',
  examples,
  fromText: () => ({}),
  args: z.object({
    label: z.string().max(80).optional(),
    /** "connect a read-only assistant": it may read, never write, whatever the person's role. */
    readOnly: z.boolean().optional(),
  }),
  verbs: ['connect an ai assistant'],
  access: 'reader',
  help: {
    group: 'Ask me',
    order: 95,
    line: 'connect an AI assistant: a token to use Tend from Claude, ChatGPT, Copilot or Cursor (in a DM)',
  },
  rules: [
    {
      priority: 40,
      match: ({ lower }) => {
        const readOnly = /\bread[- ]only\b/.test(lower);
        const l = lower
          .replace(/\s*\bread[- ]only\b\s*/, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        const m =
          /^(?:connect|link|add|set ?up) (?:an? |my )?(?:ai assistant|assistant|mcp(?: client)?|(claude|chatgpt|copilot|cursor|vs ?code))(?: to tend)?$/.exec(
            l,
          ) ?? /^(?:create |new |give me an? )?(?:mcp|assistant) token$/.exec(l);
        return m ? { ...(m[1] ? { label: m[1] } : {}), ...(readOnly ? { readOnly } : {}) } : undefined;
      },
    },
  ],
  async handle({ deps, actor, now }, { label, readOnly }) {
    if (!actor.userId)
      return {
        headline: 'Only Tend users can connect an AI assistant; ask your Tend admin to add you.',
        tone: 'info',
      };
    // A token in a channel would be read by everyone in it.
    if (actor.place !== 'dm')
      return { headline: 'Ask me for an assistant token in a direct message with Tend.', tone: 'info' };
    const created = await createMcpToken(deps.prisma, {
      userId: actor.userId,
      now,
      ...(readOnly ? { scopes: ['tend:read'] } : {}),
      ...(label ? { label } : {}),
    });
    return {
      headline: `Your ${readOnly ? 'read-only ' : ''}AI assistant token (${created.id}), shown once:`,
      tone: 'good',
      sections: [
        { lines: [created.token] },
        {
          title: 'Use it',
          lines: [
            'Add Tend as a custom connector (MCP server) in your assistant, at this Tend’s address followed by /mcp, with this token as its bearer token (Authorization: Bearer <token>).',
            `It acts as you: your role and your book, nothing more${readOnly ? ', and it may only read' : ''}. It expires on ${created.expiresAt.toISOString().slice(0, 10)}. Keep it like a password; "my assistant tokens" lists yours and "revoke assistant token ${created.id}" ends it.`,
          ],
        },
      ],
    };
  },
});
