import type { Command } from 'commander';
import { backfillHistory, type BackfillProgress } from '../../services/scoring/backfill-history.js';
import { coverageAdvice } from '../../conversation/coverage-advice.js';
import { CommandError, createCliContext } from '../cli-context.js';

const dayOf = (value: string, flag: string): Date => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new CommandError(`${flag} ${value}: write a day as YYYY-MM-DD`, 2);
  return new Date(`${value}T00:00:00Z`);
};

/** "14d", "14" or "2w" as days. */
export function everyDays(value: string): number {
  const m = /^(\d+)\s*([dw]?)$/i.exec(value.trim());
  const days = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'w' ? 7 : 1) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new CommandError(`--every ${value}: a number of days (14d) or weeks (2w), from 1 day to a year`, 2);
  return days;
}

/** A progress bar on a terminal; a line per tenth of the work in a log. */
function progressPrinter(): (p: BackfillProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastTenth = -1;
  return (p) => {
    const share = p.done / p.total;
    const line = `[${'#'.repeat(Math.round(share * 20)).padEnd(20, '-')}] ${p.done}/${p.total} days, up to ${p.day}, ${p.snapshots} snapshots`;
    if (tty) process.stderr.write(`\r${line}${p.done === p.total ? '\n' : ''}`);
    else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description(
      'Score history from dated data, day by day, for backtests: writes snapshots only (no alerts, no messages), former customers included; running it again replaces the same days',
    )
    .requiredOption('--from <YYYY-MM-DD>', 'first day to score')
    .requiredOption('--to <YYYY-MM-DD>', 'last day to score')
    .option('--every <days>', 'days between scores: 14d, 7, 2w', '14d')
    .option('--json', 'print the result as JSON')
    .action(async (options: { from: string; to: string; every: string; json?: boolean }) => {
      const from = dayOf(options.from, '--from');
      const to = dayOf(options.to, '--to');
      if (to < from) throw new CommandError(`--to ${options.to} is before --from ${options.from}`, 2);
      const every = everyDays(options.every);
      const ctx = createCliContext({ quiet: true });
      const result = await ctx.withDatabase((db) =>
        backfillHistory(db.prisma, { from, to, everyDays: every }, options.json ? undefined : progressPrinter()),
      );
      if (options.json) ctx.out(JSON.stringify(result, null, 2));
      else
        ctx.out(
          [
            `Backfilled ${result.days.length} day(s) from ${result.days[0]} to ${result.days.at(-1)} every ${every} day(s) in ${(result.ms / 1000).toFixed(1)} s: ${result.snapshots} snapshot(s), ${result.snapshots - result.insufficient} scored and ${result.insufficient} "not enough data"; ${result.skipped} account-day(s) before any data or after a contract ended. No alerts were raised. Next: tend backtest --from ${result.days[0]}`,
            ...result.coverage.flatMap((gaps) => coverageAdvice(gaps)),
          ].join('\n'),
        );
      if (result.failed.length)
        throw new CommandError(
          [
            `Could not score ${result.failed.length} account-day(s); the others were written:`,
            ...result.failed.slice(0, 20).map((f) => `  ${f.name}: ${f.error}`),
          ].join('\n'),
          1,
        );
    });
}
