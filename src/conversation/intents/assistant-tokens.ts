import { z } from 'zod';
import { listMcpTokens, revokeMcpToken } from '../../services/mcp/mcp-tokens.js';
import { intentButton } from '../../replies/reply.js';
import { defineIntent } from '../intent.js';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : 'never');

/**
 * "my assistant tokens": the asker's own AI assistant tokens (scopes, expiry, last use, never a
 * secret); "revoke assistant token <id>" ends one of their own at once.
 */
export default defineIntent({
  name: 'assistant_tokens',
  args: z.object({
    revoke: z
      .string()
      .regex(/^[a-z0-9]{12}$/)
      .optional(),
  }),
  verbs: ['revoke (?:assistant|mcp) token'],
  access: 'reader',
  help: {
    group: 'Ask me',
    order: 96,
    line: 'my assistant tokens, revoke assistant token <id>: the tokens your AI assistants use',
  },
  rules: [
    {
      priority: 39,
      match: ({ lower }) => {
        const l = lower.replace(/[?!.]+$/, '').trim();
        const revoke = /^(?:\/tend\s+)?revoke (?:my )?(?:assistant|mcp|ai assistant) token ([a-z0-9]{12})$/.exec(l);
        if (revoke) return { revoke: revoke[1]! };
        return /^(?:\/tend\s+)?(?:show |list )?my (?:ai )?(?:assistant|mcp) tokens$/.test(l) ? {} : undefined;
      },
    },
  ],
  async handle({ deps, actor, now }, { revoke }) {
    if (!actor.userId) return { headline: 'Only Tend users have assistant tokens.', tone: 'info' };
    if (revoke) {
      const done = await revokeMcpToken(deps.prisma, revoke, now, actor.userId);
      return done
        ? { headline: `Revoked assistant token ${revoke}: assistants using it are refused from now on.`, tone: 'good' }
        : { headline: `You have no active assistant token ${revoke} (see: my assistant tokens).`, tone: 'error' };
    }
    const tokens = await listMcpTokens(deps.prisma, { userId: actor.userId });
    const active = tokens.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now));
    if (!tokens.length)
      return { headline: 'You have no assistant tokens.', tone: 'info', suggestions: ['connect an AI assistant'] };
    return {
      headline: `${active.length} active assistant token${active.length === 1 ? '' : 's'} of ${tokens.length}`,
      tone: 'info',
      table: {
        columns: ['Token', 'For', 'Scopes', 'Created', 'Expires', 'Last used', 'State'],
        rows: tokens.map((t) => [
          t.id,
          t.label ?? '',
          t.scopes.join(' '),
          day(t.createdAt),
          day(t.expiresAt),
          day(t.lastUsedAt),
          t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active',
        ]),
      },
      buttons: active.slice(0, 5).map((t) =>
        intentButton(
          `Revoke ${t.id}`,
          `revoke assistant token ${t.id}`,
          'assistant_tokens',
          { revoke: t.id },
          {
            style: 'danger',
          },
        ),
      ),
    };
  },
});
