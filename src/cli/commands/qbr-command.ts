import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { createConversationDeps } from '../../app/conversation-deps.js';
import { qbrFileStems } from '../../core/qbr/qbr-file-names.js';
import { parseQuarter, type Quarter } from '../../core/qbr/quarter.js';
import type { Actor } from '../../services/access/actor.js';
import { findAccount } from '../../services/accounts/find-account.js';
import { InputError } from '../../services/accounts/input-error.js';
import { brandFromPptx, loadDeckBrand, saveDeckBrand } from '../../services/qbr/deck-brand.js';
import { draftQbr } from '../../services/qbr/draft-qbr.js';
import { prepareQbrBrief } from '../../services/qbr/qbr-brief.js';
import { buildQbrDeck } from '../../services/qbr/qbr-deck.js';
import { buildQbrDocument } from '../../services/qbr/qbr-document.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { parseNowOption } from '../now-option.js';

interface QbrOptions {
  quarter?: string;
  out?: string;
  pptx?: string;
  docx?: string;
  all?: boolean;
  brief?: boolean;
  now?: string;
}

// The terminal's operator runs this installation.
const operator: Actor = { role: 'admin', external: false, place: 'dm' };

export function registerQbr(program: Command): void {
  program
    .command('qbr [account...]')
    .description(
      'Draft a quarterly business review: Markdown, a client PowerPoint deck (--pptx) or Word document (--docx), or the account team\'s internal prep brief (--brief), e.g. tend qbr "Acme" --quarter 2026Q3 --pptx acme-q3.pptx; tend qbr "Acme" --brief; tend qbr --all --pptx decks/',
    )
    .option(
      '--quarter <quarter>',
      'the quarter to review, e.g. 2026Q3 (default: the last completed one, or the current one so far for an account with no data then)',
    )
    .option('--out <file.md>', 'write the Markdown draft to this file instead of printing it')
    .option('--pptx <file.pptx>', 'write the deck (with --all: a folder, one deck per account)')
    .option('--docx <file.docx>', 'write the document (with --all: a folder, one document per account)')
    .option('--all', 'every active account')
    .option(
      '--brief',
      'print the internal prep brief (talking points, risks, plays, sources) as Markdown: not for the client',
    )
    .option('--now <ISO time>', 'draft as of this time (for reproducible drafts)')
    .action(async (words: string[], options: QbrOptions) => {
      const ctx = createCliContext({ quiet: true });
      const now = parseNowOption(options.now);
      const quarter = options.quarter ? parseQuarter(options.quarter) : undefined;
      if (options.quarter && !quarter)
        throw new CommandError(`--quarter ${options.quarter}: write a quarter like 2026Q3`, 2);
      if (options.brief && (options.all || options.pptx || options.docx || options.out))
        throw new CommandError(
          '--brief prints the internal brief of one account: leave out --all, --pptx, --docx and --out.',
          2,
        );
      const query = words.join(' ');
      if (options.all && query) throw new CommandError('Name an account or use --all, not both.', 2);
      if (!options.all && !query) throw new CommandError('Name an account, e.g. tend qbr "Acme", or use --all.', 2);
      if (options.all && !options.pptx && !options.docx)
        throw new CommandError('--all writes files: add --pptx <folder> and/or --docx <folder>.', 2);
      await ctx.withDatabase(async (db) => {
        const deps = createConversationDeps(db.prisma, ctx.config, ctx.logger);
        const brand = options.pptx || options.docx ? await loadDeckBrand(db.prisma) : undefined;
        const one = async (
          accountId: string,
          filesOf: (quarterLabel: string) => { pptx?: string; docx?: string; out?: string },
        ) => {
          const draft = await draftQbr(deps, operator, { accountId, ...(quarter ? { quarter } : {}) }, now);
          const files = filesOf(draft.facts.quarter.label);
          const written: string[] = [];
          if (files.pptx) {
            writeFileSync(files.pptx, await buildQbrDeck(draft, brand));
            written.push(files.pptx);
          }
          if (files.docx) {
            writeFileSync(files.docx, await buildQbrDocument(draft, brand));
            written.push(files.docx);
          }
          if (files.out) {
            writeFileSync(files.out, draft.markdown);
            written.push(files.out);
          }
          return { draft, written };
        };
        if (options.all) {
          await allAccounts(db.prisma, quarter, options, one, ctx.out);
          return;
        }
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
        if (options.brief) {
          const brief = await prepareQbrBrief(
            deps,
            operator,
            { accountId: match.account.id, ...(quarter ? { quarter } : {}) },
            now,
          );
          ctx.out(brief.markdown);
          return;
        }
        const { draft, written } = await one(match.account.id, () => ({
          ...(options.pptx ? { pptx: options.pptx } : {}),
          ...(options.docx ? { docx: options.docx } : {}),
          ...(options.out ? { out: options.out } : {}),
        }));
        if (written.length) ctx.out(`Wrote ${written.join(', ')} (${draft.note}).`);
        else ctx.out(draft.markdown);
      });
    });

  program
    .command('qbr-template <action> [file]')
    .description(
      'The company look of QBR decks and documents: set <template.pptx> (its theme colours, fonts and slide-master logo), show, or clear',
    )
    .action(async (action: string, file: string | undefined) => {
      const ctx = createCliContext({ quiet: true });
      await ctx.withDatabase(async (db) => {
        if (action === 'set') {
          if (!file) throw new CommandError('Give the template: tend qbr-template set brand.pptx', 2);
          let bytes: Buffer;
          try {
            bytes = readFileSync(file);
          } catch {
            throw new CommandError(`Cannot read ${file}.`, 2);
          }
          const brand = await brandFromPptx(bytes, basename(file)).catch((error: unknown) => {
            throw error instanceof InputError ? new CommandError(error.message, 2) : error;
          });
          await saveDeckBrand(db.prisma, brand);
          ctx.out(
            `QBR decks and documents now use ${brand.name}: colours ${Object.values(brand.colors).join(', ')}, fonts ${brand.fonts.heading} / ${brand.fonts.body}, ${brand.logo ? 'with its logo' : 'no logo found on its slide master'}.`,
          );
        } else if (action === 'show') {
          const brand = await loadDeckBrand(db.prisma);
          ctx.out(
            `${brand.name}: colours ${Object.entries(brand.colors)
              .map(([k, v]) => `${k} ${v}`)
              .join(
                ', ',
              )}; fonts ${brand.fonts.heading} / ${brand.fonts.body}; ${brand.logo ? 'logo set' : 'no logo'}.`,
          );
        } else if (action === 'clear') {
          await saveDeckBrand(db.prisma, undefined);
          ctx.out("QBR decks and documents use Tend's default look again.");
        } else throw new CommandError(`Unknown action "${action}": use set <file.pptx>, show or clear.`, 2);
      });
    });
}

/** One deck/document per active account into the folders given; an account that cannot be reviewed is named and skipped. */
async function allAccounts(
  prisma: Parameters<typeof draftQbr>[0]['prisma'],
  quarter: Quarter | undefined,
  options: QbrOptions,
  one: (
    accountId: string,
    filesOf: (quarterLabel: string) => { pptx?: string; docx?: string },
  ) => Promise<{ written: string[] }>,
  out: (line: string) => void,
) {
  for (const dir of [options.pptx, options.docx]) if (dir) mkdirSync(dir, { recursive: true });
  const accounts = await prisma.account.findMany({
    where: { status: 'ACTIVE' },
    select: { id: true, name: true, externalId: true },
    orderBy: { name: 'asc' },
  });
  // Two accounts may read the same as a file name ("Zeta Corp", "Zeta, Corp."): each gets its own file.
  // Each account's quarter is known only once its draft is made (a new account defaults to its own).
  const stemsByQuarter = new Map<string, Map<string, string>>();
  const stemOf = (accountId: string, label: string) => {
    let stems = stemsByQuarter.get(label);
    if (!stems) stemsByQuarter.set(label, (stems = qbrFileStems(accounts, label)));
    return stems.get(accountId)!;
  };
  let done = 0;
  const skipped: string[] = [];
  for (const account of accounts) {
    const base = (label: string) => stemOf(account.id, label);
    try {
      await one(account.id, (label) => ({
        ...(options.pptx ? { pptx: join(options.pptx, `${base(label)}.pptx`) } : {}),
        ...(options.docx ? { docx: join(options.docx, `${base(label)}.docx`) } : {}),
      }));
      done++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push(`${account.name}: ${error.message}`);
    }
    if ((done + skipped.length) % 25 === 0) process.stderr.write(`  ${done + skipped.length}/${accounts.length}\n`);
  }
  out(
    `Wrote QBRs for ${done} of ${accounts.length} active accounts, ${quarter?.label ?? 'each for its last completed quarter (the current one so far for new accounts)'}.`,
  );
  for (const line of skipped) out(`  skipped ${line}`);
}
