import { formatMoney } from '../../core/metrics/format-money.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { assessAccount } from '../../core/assess-account.js';
import { getPreset, parsePreset, UnknownPresetError } from '../../core/presets/built-in-presets.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import { InvalidAccountInputError, parseAccountInput } from '../../core/scoring/account-input.js';
import { indexObservations } from '../../core/scoring/resolve-inputs.js';
import { bisTrend } from '../../core/signals/trends.js';
import { getAccountHealth } from '../../services/scoring/get-account-health.js';
import { recomputeHealth } from '../../services/scoring/recompute-health.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { parseNowOption } from '../now-option.js';
import { healthJson, insufficientJson, trendsJson } from '../render/health-json.js';
import { healthText } from '../render/health-text.js';

interface ScoreOptions {
  preset?: string;
  modelFile?: string;
  input?: string;
  account?: string;
  all?: boolean;
  changed?: boolean;
  json?: boolean;
  now?: string;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CommandError(`${what} ${path}: no such file`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandError(`${what} ${path} is not valid JSON: ${(error as Error).message}`, 2);
  }
}

export function registerScore(program: Command): void {
  program
    .command('score')
    .description(
      'Compute and explain health scores: one account from a JSON file, a stored account, or all stored accounts',
    )
    .option('--preset <id>', 'health model preset for --input (see tend presets)')
    .option('--model-file <file.json>', 'your own preset file (a copy of tend presets show <id>) for --input')
    .option(
      '--input <file.json>',
      'one account\'s metrics: document 004\'s calculator shape or { "metrics": { "dau_pct": 72 } }',
    )
    .option('--account <name>', 'a stored account: name, alias, domain or external id')
    .option('--all', 'score every active account and save snapshots')
    .option('--changed', 'with --all: only accounts whose data changed since their last snapshot')
    .option('--json', 'print JSON instead of text')
    .option('--now <iso>', 'score as of this time (default: now)')
    .addHelpText(
      'after',
      '\nExamples:\n  tend score --preset bis-calculator --input examples/bis-calculator-example.json\n  tend score --account "Acme" --json\n  tend score --all --changed',
    )
    .action(async (options: ScoreOptions) => {
      const now = parseNowOption(options.now);
      const modes = [options.input, options.account, options.all].filter(Boolean).length;
      if (modes !== 1)
        throw new CommandError(
          'Give exactly one of --input <file.json>, --account <name> or --all (see tend score --help).',
          2,
        );
      if (options.input) return scoreInput(options, now);
      if (options.account) return scoreStoredAccount(options.account, options.json ?? false, now);
      return scoreAll(options.changed ?? false, now);
    });
}

function scoreInput(options: ScoreOptions, now: Date): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let preset: Preset;
  try {
    if (options.modelFile) preset = parsePreset(readJson(options.modelFile, 'Model file'));
    else if (options.preset) preset = getPreset(options.preset);
    else throw new CommandError('--input needs --preset <id> or --model-file <file.json>', 2);
  } catch (error) {
    if (error instanceof UnknownPresetError || (error instanceof Error && error.message.startsWith('Preset "')))
      throw new CommandError(error.message, 2);
    throw error;
  }
  if (!preset.model)
    throw new CommandError(
      `Preset "${preset.id}" has no health model (it defines cadences and escalation paths only).`,
      2,
    );
  let input;
  try {
    input = parseAccountInput(readJson(options.input!, 'Input'), now);
  } catch (error) {
    if (error instanceof InvalidAccountInputError) throw new CommandError(error.message, 2);
    throw error;
  }
  const assessment = assessAccount({
    model: preset.model,
    triggerPresets: [preset],
    observations: indexObservations(input.observations),
    account: { status: 'active' },
    history: [],
    now,
  });
  const usageTrend = input.usageHistory ? bisTrend(input.usageHistory) : undefined;
  const extra = usageTrend ? { trends: { usage: usageTrend } } : {};
  if (options.json) {
    out(
      JSON.stringify(
        assessment.kind === 'scored'
          ? healthJson(assessment.score, assessment.signals, extra)
          : insufficientJson(assessment.gap, extra),
        null,
        2,
      ),
    );
    return;
  }
  if (assessment.kind === 'scored') for (const line of healthText(assessment.score, assessment.signals)) out(line);
  else out(assessment.gap.text);
  if (usageTrend) out(`\nUsage trend (last 3 periods against the 3 before): ${usageTrend}`);
}

async function scoreStoredAccount(query: string, json: boolean, now: Date): Promise<void> {
  const ctx = createCliContext({ quiet: true });
  const result = await ctx.withDatabase((db) => getAccountHealth(db.prisma, query, now));
  if (result.kind === 'ambiguous') {
    throw new CommandError(
      `"${query}" matches several accounts: ${result.candidates.map((c) => c.name).join(', ')}. Which one?`,
    );
  }
  if (result.kind === 'not_found') {
    throw new CommandError(
      `No account matches "${query}".${result.suggestions.length ? ` Did you mean ${result.suggestions.map((s) => `"${s.name}"`).join(' or ')}?` : ''}`,
    );
  }
  const { report } = result;
  if (json) {
    const a = report.assessment;
    ctx.out(
      JSON.stringify(
        {
          account: report.account,
          ...(a?.kind === 'scored'
            ? healthJson(a.score, a.signals, { trends: trendsJson(a.trends), modelReason: report.modelReason })
            : a
              ? insufficientJson(a.gap, { modelReason: report.modelReason })
              : {}),
          lifecycle: report.lifecycle,
          cadence: report.cadence,
          renewal: report.renewal,
        },
        null,
        2,
      ),
    );
    return;
  }
  const acc = report.account;
  ctx.out(
    `${acc.name} (${acc.tier}, ${acc.segment}${acc.region ? `, ${acc.region}` : ''}) owned by ${acc.owner ?? 'nobody'}; ARR ${formatMoney(acc.arr, acc.currency)}`,
  );
  if (!report.assessment) ctx.out('This account has churned and is not scored.');
  else if (report.assessment.kind === 'insufficient-data') {
    ctx.out(`Model: ${report.assessment.gap.modelId} (${report.modelReason})`);
    ctx.out(report.assessment.gap.text);
  } else {
    ctx.out(`Model: ${report.assessment.score.modelId} (${report.modelReason})`);
    for (const line of healthText(report.assessment.score, report.assessment.signals)) ctx.out(line);
  }
  if (report.lifecycle)
    ctx.out(
      `\nLifecycle (${report.lifecycle.framework}, derived): ${report.lifecycle.label}, because ${report.lifecycle.reason}${report.lifecycle.imported ? `; imported as ${report.lifecycle.imported}` : ''}`,
    );
  if (report.cadence) {
    ctx.out(`Cadence (${report.cadence.framework}, ${report.cadence.planLabel}):`);
    for (const t of report.cadence.touchpoints) {
      ctx.out(
        `  ${t.label}: last ${t.last ?? 'never'}, due ${t.due}${t.overdueDays ? `, ${t.overdueDays} days overdue` : ''}`,
      );
    }
  }
  if (report.renewal) {
    const r = report.renewal;
    ctx.out(
      `Renewal (${r.framework}): ${r.renewalDate}, in ${r.daysToRenewal} days${r.current ? `; now: ${r.current.label} (${r.current.tasks.join('; ')})` : ''}`,
    );
  }
}

async function scoreAll(changed: boolean, now: Date): Promise<void> {
  const ctx = createCliContext({ quiet: true });
  const result = await ctx.withDatabase((db) => recomputeHealth(db.prisma, { now, mode: changed ? 'changed' : 'all' }));
  ctx.out(
    `Scored ${result.scored} of ${result.considered} account(s) in ${(result.ms / 1000).toFixed(1)} s; ${result.bandChanges.length} changed band.`,
  );
  if (result.failed.length)
    throw new CommandError(
      [
        `Could not score ${result.failed.length} account(s); the others were scored:`,
        ...result.failed.map((f) => `  ${f.name}: ${f.error}`),
        'Fix or delete the bad values (see tend sources), then score again.',
      ].join('\n'),
      1,
    );
}
