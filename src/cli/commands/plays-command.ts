import type { Command } from 'commander';
import { playLimits, type Play } from '../../core/plays/play-schema.js';
import { importPlays, loadPlayCatalogue, validatePlays } from '../../services/plays/play-catalogue.js';
import { playReport } from '../../services/plays/play-report.js';
import { churnText, healthText } from '../../conversation/play-report-lines.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { parseNowOption } from '../now-option.js';
import { readJsonFile } from '../json-input.js';

const startsText = (p: Play) =>
  p.starts.length
    ? p.starts
        .map((s) =>
          s.on === 'trigger'
            ? `trigger ${s.trigger}`
            : s.on === 'renewal'
              ? `renewal ${s.daysBefore} days out`
              : s.on === 'at_risk'
                ? 'entering at risk'
                : `feedback theme ${s.theme}`,
        )
        .map((t, i) => (p.starts[i]!.auto ? t : `${t} (offered)`))
        .join(', ')
    : 'by hand';

const stepText = (s: Play['steps'][number]) =>
  s.kind === 'human'
    ? `${s.title} (${typeof s.who === 'string' ? s.who : s.who.role}, within ${s.dueDays} days)`
    : `${s.title} (Tend: ${s.action}, within ${s.dueDays} days${['check_in_champion', 'survey_champion', 'crm_task'].includes(s.action) ? ', after approval' : ''})`;

const printProblems = (file: string, problems: string[]) =>
  new CommandError(
    `${file}: ${problems.length} problem(s), nothing changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    2,
  );

const readPlayFile = (file: string) => readJsonFile(file, { maxBytes: playLimits.fileBytes });

export function registerPlays(program: Command): void {
  const plays = program
    .command('plays')
    .description('Plays: what the team does when a signal fires (list, show, validate, import, export)');

  plays
    .command('list')
    .description('The plays of this workspace: built-in ones and your own')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const catalogue = await ctx.withDatabase((db) => loadPlayCatalogue(db.prisma));
      if (options.json) return ctx.out(JSON.stringify(catalogue.plays, null, 2));
      for (const p of catalogue.plays)
        ctx.out(
          `${p.id.padEnd(32)} v${p.version} ${p.name}${catalogue.isBuiltIn(p.id) ? '' : ' (yours)'}\n${' '.repeat(33)}starts: ${startsText(p)}; ${p.steps.length} steps`,
        );
    });

  plays
    .command('show <id>')
    .description('One play: where it comes from, when it starts, its steps and its success criterion')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const catalogue = await ctx.withDatabase((db) => loadPlayCatalogue(db.prisma));
      let play: Play;
      try {
        play = catalogue.get(id);
      } catch (error) {
        throw new CommandError((error as Error).message, 2);
      }
      if (options.json) return ctx.out(JSON.stringify(play, null, 2));
      ctx.out(`${play.name} (${play.id} v${play.version})`);
      ctx.out(`Source: ${play.source}`);
      ctx.out(`Starts: ${startsText(play)}`);
      play.steps.forEach((s, i) => ctx.out(`  ${i + 1}. ${stepText(s)}`));
      const success = play.success;
      ctx.out(
        `Success: ${success.kind === 'renewed' ? 'the account renews' : success.kind === 'not_at_risk' ? `out of the at-risk bands within ${success.withinDays} days` : `the signal that started it clears within ${success.withinDays} days`}`,
      );
      if (play.escalationPath) ctx.out(`Escalation path: ${play.escalationPath}`);
      if (play.holdoutPercent) ctx.out(`Holdout: ${play.holdoutPercent} % of runs skip the system steps`);
    });

  plays
    .command('validate <file>')
    .description('Check a play file (JSON: a play or a list) against this workspace, changing nothing')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const checked = await ctx.withDatabase((db) => validatePlays(db.prisma, readPlayFile(file)));
      if (options.json) {
        ctx.out(JSON.stringify(checked.ok ? { ok: true, plays: checked.plays.map((p) => p.id) } : checked, null, 2));
        if (!checked.ok) process.exitCode = 2;
        return;
      }
      if (!checked.ok) throw printProblems(file, checked.problems);
      ctx.out(`${file}: ${checked.plays.length} play(s) valid: ${checked.plays.map((p) => p.id).join(', ')}`);
    });

  plays
    .command('import <file>')
    .description('Store your plays (all checked first: one bad play stores none); a changed play gets a new version')
    .option('--json', 'print the stored plays as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const ctx = createCliContext({ quiet: true });
      const checked = await ctx.withDatabase((db) => importPlays(db.prisma, readPlayFile(file)));
      if (!checked.ok) throw printProblems(file, checked.problems);
      if (options.json) return ctx.out(JSON.stringify(checked.plays, null, 2));
      ctx.out(`Stored ${checked.plays.map((p) => `${p.id} v${p.version}`).join(', ')}`);
    });

  plays
    .command('report')
    .description(
      'Which plays work: churn and health after completed runs against the same trigger without one (95 % intervals)',
    )
    .option('--json', 'print JSON')
    .option('--minimum <n>', 'cases per side needed for a figure', '10')
    .option('--now <iso>', 'report as of this time: outcomes known by then (default: now)')
    .action(async (options: { json?: boolean; minimum: string; now?: string }) => {
      const ctx = createCliContext({ quiet: true });
      const minimum = Number(options.minimum);
      if (!Number.isInteger(minimum) || minimum < 2)
        throw new CommandError('--minimum must be a whole number of at least 2', 2);
      const now = parseNowOption(options.now);
      const report = await ctx.withDatabase((db) => playReport(db.prisma, now, minimum));
      if (options.json) return ctx.out(JSON.stringify(report, null, 2));
      ctx.out('Which plays work (observational unless randomised; churn at the next renewal):');
      for (const p of report.plays) {
        ctx.out(
          `\n${p.name} (${p.playId}): ${p.cases} cases, ${p.completed} completed, ${p.notRun} not run, ${p.abandoned} abandoned`,
        );
        ctx.out(`  ${churnText(p.churn)}`);
        ctx.out(
          `  health change 30 / 60 / 90 days: ${healthText(p.health.d30)}; ${healthText(p.health.d60)}; ${healthText(p.health.d90)}`,
        );
        if (p.holdout) ctx.out(`  randomised holdout of system steps: ${churnText(p.holdout)}`);
      }
      if (report.inProgress) ctx.out(`\n${report.inProgress} case(s) with a run still open are left out.`);
    });

  plays
    .command('export [id]')
    .description('Print every play (or one) as JSON to copy, edit and import')
    .option('--json', 'JSON (the only format; accepted for symmetry)')
    .action(async (id: string | undefined) => {
      const ctx = createCliContext({ quiet: true });
      const catalogue = await ctx.withDatabase((db) => loadPlayCatalogue(db.prisma));
      try {
        ctx.out(JSON.stringify(id ? [catalogue.get(id)] : catalogue.plays, null, 2));
      } catch (error) {
        throw new CommandError((error as Error).message, 2);
      }
    });
}
