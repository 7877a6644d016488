import { createReadStream, existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { importCsv, type ImportReport } from '../../services/import/import-csv.js';
import { importKinds, type ImportKind } from '../../services/import/row-schemas.js';
import { CommandError, createCliContext } from '../cli-context.js';

const maxProblemsShown = 50;

export function formatImportReport(file: string, report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.ignoredColumns.length > 0)
    lines.push(`Ignored column(s) Tend does not use: ${report.ignoredColumns.join(', ')}`);
  if (report.problems.length > 0) {
    lines.push(
      `${file}: ${report.problems.length} problem(s); nothing was imported. Fix these lines and run the import again:`,
    );
    for (const p of report.problems.slice(0, maxProblemsShown)) lines.push(`  line ${p.line}: ${p.message}`);
    if (report.problems.length > maxProblemsShown)
      lines.push(`  ... and ${report.problems.length - maxProblemsShown} more`);
    return lines;
  }
  const counts =
    report.kind === 'metrics' || report.kind === 'feedback'
      ? `${report.records} ${report.kind} row(s)`
      : `${report.records} ${report.kind} (${report.creates} new, ${report.updates} updated)`;
  lines.push(
    report.dryRun
      ? `${file}: all rows are valid; a real import would write ${counts}. Nothing was written (--dry-run).`
      : `${file}: imported ${counts}.`,
  );
  return lines;
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description(
      'Import a CSV file; every row is checked first and a file with any bad row changes nothing (formats: examples/)',
    )
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(importKinds).makeOptionMandatory())
    .option('--dry-run', 'check the file and report what would change, without writing')
    .action(async (file: string, options: { kind: ImportKind; dryRun?: boolean }) => {
      if (!existsSync(file)) throw new CommandError(`${file}: no such file`, 2);
      const ctx = createCliContext({ quiet: true });
      const report = await ctx.withDatabase((db) =>
        importCsv(db.prisma, { kind: options.kind, stream: createReadStream(file), dryRun: options.dryRun }),
      );
      for (const line of formatImportReport(file, report)) ctx.out(line);
      if (report.problems.length > 0) process.exitCode = 1;
    });
}
