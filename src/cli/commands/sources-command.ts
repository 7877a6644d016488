import type { Command } from 'commander';
import { createSourceKey, listSourceKeys, revokeSourceKey } from '../../services/ingest/api-keys.js';
import { setSourceMapping, sourceMapping } from '../../services/ingest/source-mappings.js';
import {
  resumeSource,
  SourceError,
  sourceKinds,
  sourceStatuses,
  type SourceKind,
} from '../../services/ingest/sources.js';
import { dataGaps, scoringFailuresOf, type DataGap } from '../../services/scoring/data-gaps.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { readJsonFile } from '../json-input.js';

/** Accounts whose stored data broke their scoring: a bad value to fix at its source. */
function failureLines(failures: { name: string; error: string; failedAt: Date }[]): string[] {
  if (!failures.length) return [];
  return [
    `${failures.length} account(s) could not be scored (the rest of the portfolio was); fix or delete the bad values, then tend score --all:`,
    ...failures.map((f) => `    ${f.name} (since ${when(f.failedAt)}): ${f.error}`),
    '',
  ];
}

/** Accounts Tend cannot score, first: a source that feeds nothing is the likeliest cause. */
function dataGapLines(gaps: DataGap[]): string[] {
  if (!gaps.length) return [];
  return [
    `${gaps.length} account(s) without enough data to score (no band, no at-risk alerts until data arrives):`,
    ...gaps
      .slice(0, 20)
      .map((g) => `    ${g.name}${g.owner ? ` (${g.owner})` : ''}: newest data ${g.newestData ?? 'never'}. ${g.text}`),
    ...(gaps.length > 20 ? [`    ... and ${gaps.length - 20} more (each: tend score <account>)`] : []),
    '',
  ];
}

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never');

async function orCommandError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SourceError) throw new CommandError(error.message, 2);
    throw error;
  }
}

export function registerSources(program: Command): void {
  const sources = program
    .command('sources')
    .description('Where account data comes from: state, freshness, API keys, mappings')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const now = new Date();
      const [list, gaps, failures] = await ctx.withDatabase((db) =>
        Promise.all([sourceStatuses(db.prisma, now), dataGaps(db.prisma), scoringFailuresOf(db.prisma)]),
      );
      // The JSON stays the list of sources that scripts read; the gaps are in `tend score <account> --json`.
      if (options.json) return ctx.out(JSON.stringify(list, null, 2));
      for (const line of failureLines(failures)) ctx.out(line);
      for (const line of dataGapLines(gaps)) ctx.out(line);
      if (list.length === 0)
        return ctx.out('No sources yet. Create an API key for one: tend sources keys create <name> [--kind segment]');
      for (const s of list)
        ctx.out(
          `${s.name} (${s.kind}) ${s.state}${s.stale ? `, STALE (nothing for over ${s.staleAfterHours} h)` : s.lastSuccessAt ? '' : ', waiting for its first data'}\n` +
            `    last success: ${when(s.lastSuccessAt)}   rows in 24 h: ${s.rowsLast24h}` +
            `   rejected batches in 24 h: ${s.batchesRejectedLast24h}   active keys: ${s.activeKeys}` +
            (s.cursor ? `\n    cursor: ${JSON.stringify(s.cursor)}` : '') +
            (s.lastError ? `\n    last error (${when(s.lastErrorAt)}): ${s.lastError}` : ''),
        );
    });

  sources
    .command('resume <source>')
    .description('Put a stopped source back to work once its credentials are fixed')
    .action(async (name: string) => {
      const ctx = createCliContext({ quiet: true });
      const done = await ctx.withDatabase((db) => resumeSource(db.prisma, name));
      if (!done) throw new CommandError(`No source "${name}" (see: tend sources)`, 2);
      ctx.out(`Source "${name}" is active again; it syncs at the next slot (or: tend jobs run sync-sources).`);
    });

  const keys = sources.command('keys').description('API keys for the ingest API (per source)');
  keys
    .command('create <source>')
    .description('Create a key for a source (the source is created on first use); the key is shown once')
    .option('--kind <kind>', `the source's kind when it is new: ${sourceKinds.join(', ')}`, 'api')
    .option('--label <text>', 'what the key is for, e.g. "nightly warehouse sync"')
    .action(async (source: string, options: { kind: string; label?: string }) => {
      const ctx = createCliContext({ quiet: true });
      if (!(sourceKinds as readonly string[]).includes(options.kind))
        throw new CommandError(`--kind ${options.kind}: one of ${sourceKinds.join(', ')}`, 2);
      const created = await ctx.withDatabase((db) =>
        orCommandError(
          createSourceKey(db.prisma, {
            source,
            kind: options.kind as SourceKind,
            ...(options.label ? { label: options.label } : {}),
          }),
        ),
      );
      ctx.out(
        `Key ${created.id} for source "${created.source}". Copy it now; Tend keeps only its hash:\n\n  ${created.key}\n\n` +
          `Send it as: Authorization: Bearer ${created.key.slice(0, 22)}...`,
      );
    });
  keys
    .command('list [source]')
    .description('List keys (never their secrets): id, source, label, created, last used, revoked')
    .action(async (source?: string) => {
      const ctx = createCliContext({ quiet: true });
      const list = await ctx.withDatabase((db) => listSourceKeys(db.prisma, source));
      if (list.length === 0) return ctx.out('No keys.');
      for (const k of list)
        ctx.out(
          `${k.id}  ${k.source.padEnd(16)} ${k.revokedAt ? `revoked ${when(k.revokedAt)}` : 'active'}  ` +
            `created ${when(k.createdAt)}  last used ${when(k.lastUsedAt)}${k.label ? `  "${k.label}"` : ''}`,
        );
    });
  keys
    .command('revoke <id>')
    .description('Revoke a key at once (requests with it get 401)')
    .action(async (id: string) => {
      const ctx = createCliContext({ quiet: true });
      const done = await ctx.withDatabase((db) => revokeSourceKey(db.prisma, id, new Date()));
      if (!done) throw new CommandError(`No active key "${id}" (see: tend sources keys list)`, 2);
      ctx.out(`Revoked ${id}.`);
    });

  const mapping = sources
    .command('mapping')
    .description("A source's mapping (Segment: the rules that turn events into metrics)");
  mapping
    .command('show <source>')
    .description('Print the mapping in force (the defaults until one is set), as JSON to edit')
    .action(async (source: string) => {
      const ctx = createCliContext({ quiet: true });
      const shown = await ctx.withDatabase((db) => orCommandError(sourceMapping(db.prisma, source)));
      ctx.out(
        shown.mapping === null ? `A ${shown.kind} source has no mapping.` : JSON.stringify(shown.mapping, null, 2),
      );
    });
  mapping
    .command('set <source> <file>')
    .description('Replace the mapping with a JSON file (checked first; nothing changes if it has problems)')
    .action(async (source: string, file: string) => {
      const ctx = createCliContext({ quiet: true });
      const value = readJsonFile(file);
      await ctx.withDatabase((db) => orCommandError(setSourceMapping(db.prisma, source, value)));
      ctx.out(`Mapping of "${source}" replaced.`);
    });
}
