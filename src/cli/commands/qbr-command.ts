import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createConversationDeps } from '../../app/conversation-deps.js';
import { lastCompletedQuarter, parseQuarter } from '../../core/qbr/quarter.js';
import { findAccount } from '../../services/accounts/find-account.js';
import { draftQbr } from '../../services/qbr/draft-qbr.js';
import { CommandError, createCliContext } from '../cli-context.js';

export function registerQbr(program: Command): void {
  program
    .command('qbr <account...>')
    .description(
      'Draft a quarterly business review in Markdown, e.g. tend qbr "Acme" --quarter 2026Q3 --out acme-q3.md',
    )
    .option('--quarter <quarter>', 'the quarter to review, e.g. 2026Q3 (default: the last completed one)')
    .option('--out <file.md>', 'write the draft to this file instead of printing it')
    .option('--now <ISO time>', 'draft as of this time (for reproducible drafts)')
    .action(async (words: string[], options: { quarter?: string; out?: string; now?: string }) => {
      const ctx = createCliContext({ quiet: true });
      const now = options.now ? new Date(options.now) : new Date();
      if (Number.isNaN(now.getTime()))
        throw new CommandError(`--now ${options.now}: not a date/time such as 2026-11-20T09:00:00Z`, 2);
      const quarter = options.quarter ? parseQuarter(options.quarter) : lastCompletedQuarter(now);
      if (!quarter) throw new CommandError(`--quarter ${options.quarter}: write a quarter like 2026Q3`, 2);
      const query = words.join(' ');
      const draft = await ctx.withDatabase(async (db) => {
        const match = await findAccount(db.prisma, query);
        if (match.kind === 'ambiguous')
          throw new CommandError(
            `"${query}" matches ${match.candidates.map((c) => c.name).join(', ')}; be more specific.`,
            2,
          );
        if (match.kind === 'not_found')
          throw new CommandError(
            `No account matches "${query}".${match.suggestions.length ? ` Did you mean ${match.suggestions.map((c) => `"${c.name}"`).join(', ')}?` : ''}`,
            2,
          );
        const deps = createConversationDeps(db.prisma, ctx.config, ctx.logger);
        // The terminal's operator runs this installation.
        return draftQbr(
          deps,
          { role: 'admin', external: false, place: 'dm' },
          { accountId: match.account.id, quarter },
          now,
        );
      });
      if (options.out) {
        writeFileSync(options.out, draft.markdown);
        ctx.out(`Wrote ${options.out} (${draft.note}).`);
      } else ctx.out(draft.markdown);
    });
}
