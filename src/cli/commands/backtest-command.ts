import type { Command } from 'commander';
import { renderReplyAsText } from '../../channels/shell/render-reply.js';
import { backtestReply, calibrationReply } from '../../conversation/backtest-replies.js';
import { backtestHealth, loadHistory, outcomeWindow } from '../../services/outcomes/backtest-health.js';
import { calibrateHealth } from '../../services/outcomes/calibrate-health.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { calibrationJson } from '../render/calibration-json.js';
import type { ThresholdTarget } from '../../core/backtest/fit-threshold.js';
import { parseNowOption } from '../now-option.js';

const isoDay = (value: string | undefined, flag: string) => {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new CommandError(`${flag} ${value}: write a day as YYYY-MM-DD`, 2);
  return value;
};

/** --from / --to, each checked, only when given. */
const windowOf = (options: { from?: string; to?: string }) => ({
  ...(isoDay(options.from, '--from') ? { from: options.from } : {}),
  ...(isoDay(options.to, '--to') ? { to: options.to } : {}),
});

const horizonOf = (value: string | undefined) => {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 7 || days > 365)
    throw new CommandError(`--horizon ${value}: a whole number of days from 7 to 365`, 2);
  return days;
};

/** A refusal: said on stderr with exit 2, and with --json also on stdout as {"error": ...} for scripts. */
function refusal(ctx: ReturnType<typeof createCliContext>, error: unknown, json: boolean | undefined): CommandError {
  const refused = error instanceof CommandError ? error : new CommandError((error as Error).message, 2);
  if (json) ctx.out(JSON.stringify({ error: refused.message }, null, 2));
  return refused;
}

/** --fit-threshold precision=0.4 or recall=0.6. */
const thresholdTargetOf = (value: string | undefined): ThresholdTarget | undefined => {
  if (value === undefined) return undefined;
  const m = /^(precision|recall)=(0?\.\d+)$/.exec(value.trim());
  const target = m ? Number(m[2]) : Number.NaN;
  if (!m || !(target > 0 && target < 1))
    throw new CommandError(`--fit-threshold ${value}: write precision=0.4 or recall=0.6 (a share between 0 and 1)`, 2);
  return { metric: m[1] as ThresholdTarget['metric'], value: target };
};

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      'Check health scores against real renewal outcomes: AUC, at-risk precision and recall 30/60/90 days ahead, lead time, churn per band, and the churns scored healthy',
    )
    .option('--model <preset>', 'replay a preset over the stored history (id as it is now, id@version as it was)')
    .option('--compare <preset>', 'also replay a second preset (or version) on the same outcomes')
    .option('--horizon <days>', 'days ahead for the band table and the misses', '90')
    .option(
      '--fit-threshold <metric=share>',
      'fit the at-risk boundary for precision=0.4 (most recall) or recall=0.6 (most precision) on the earlier 70 % of outcomes, reported on the later ones',
    )
    .option('--from <YYYY-MM-DD>', 'outcomes from this day (default: the first stored outcome)')
    .option('--to <YYYY-MM-DD>', 'outcomes up to this day (default: the last stored outcome up to today)')
    .option('--now <ISO time>', 'run as of this time')
    .option('--json', 'print the report as JSON (a refusal as {"error": ...})')
    .action(
      async (options: {
        model?: string;
        compare?: string;
        horizon?: string;
        fitThreshold?: string;
        from?: string;
        to?: string;
        now?: string;
        json?: boolean;
      }) => {
        const ctx = createCliContext({ quiet: true });
        try {
          const now = parseNowOption(options.now);
          const fitThreshold = thresholdTargetOf(options.fitThreshold);
          const request = {
            focusHorizon: horizonOf(options.horizon),
            ...windowOf(options),
            ...(fitThreshold ? { fitThreshold } : {}),
          };
          const runs = await ctx.withDatabase(async (db) => {
            // Both runs read the same outcomes and snapshots, loaded once.
            const history = await loadHistory(db.prisma, await outcomeWindow(db.prisma, request, now));
            const first = await backtestHealth(
              db.prisma,
              { ...request, ...(options.model ? { model: options.model } : {}) },
              now,
              history,
            );
            const second = options.compare
              ? await backtestHealth(db.prisma, { ...request, model: options.compare }, now, history)
              : undefined;
            return second ? [first, second] : [first];
          });
          if (options.json) ctx.out(JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2));
          else ctx.out(runs.map((r) => renderReplyAsText(backtestReply(r, { maxMisses: 25 }))).join('\n\n'));
        } catch (error) {
          throw refusal(ctx, error, options.json);
        }
      },
    );

  program
    .command('calibrate')
    .description(
      "Fit a preset's dimension weights to your earlier outcomes (regularised logistic regression, cross-validated over time), judge them against the current weights on the later outcomes the fit never saw, and store the result as a new preset version (only if it wins there, or with --force) to adopt with tend presets use",
    )
    .requiredOption('--from-preset <preset>', 'the preset to start from, e.g. bis-table')
    .option('--horizon <days>', 'read scores this many days before each outcome', '90')
    .option('--from <YYYY-MM-DD>', 'outcomes from this day (default: the first stored outcome)')
    .option('--to <YYYY-MM-DD>', 'outcomes up to this day (default: the last stored outcome up to today)')
    .option('--dry-run', 'report only: store nothing')
    .option('--force', 'store the result even when it does not beat the current weights on the held-out outcomes')
    .option('--now <ISO time>', 'run as of this time')
    .option('--json', 'print the result as JSON (a refusal as {"error": ...})')
    .action(
      async (options: {
        fromPreset: string;
        horizon?: string;
        from?: string;
        to?: string;
        dryRun?: boolean;
        force?: boolean;
        now?: string;
        json?: boolean;
      }) => {
        const ctx = createCliContext({ quiet: true });
        try {
          const now = parseNowOption(options.now);
          const result = await ctx.withDatabase((db) =>
            calibrateHealth(
              db.prisma,
              {
                fromPreset: options.fromPreset,
                ...(horizonOf(options.horizon) ? { horizon: horizonOf(options.horizon) } : {}),
                ...windowOf(options),
                write: options.dryRun !== true,
                force: options.force === true,
              },
              now,
            ),
          );
          if (options.json) ctx.out(JSON.stringify(calibrationJson(result), null, 2));
          else ctx.out(renderReplyAsText(calibrationReply(result)));
        } catch (error) {
          // Too little history, an unknown preset, a preset without a model: said plainly, exit 2.
          throw refusal(ctx, error, options.json);
        }
      },
    );
}
