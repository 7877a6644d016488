import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { DataDirLockedError } from '../db/embedded/embedded-postgres.js';
import { CommandError } from './cli-context.js';
import { registerBackfill } from './commands/backfill-command.js';
import { registerBacktest } from './commands/backtest-command.js';
import { registerChat } from './commands/chat-commands.js';
import { registerDb } from './commands/db-command.js';
import { registerImport } from './commands/import-command.js';
import { registerAlerts } from './commands/alerts-command.js';
import { registerJobs } from './commands/jobs-command.js';
import { registerMcp } from './commands/mcp-command.js';
import { registerPlays } from './commands/plays-command.js';
import { registerPresets } from './commands/presets-command.js';
import { registerScore } from './commands/score-command.js';
import { registerSeed } from './commands/seed-command.js';
import { registerSources } from './commands/sources-command.js';
import { registerQbr } from './commands/qbr-command.js';
import { registerSlack } from './commands/slack-command.js';
import { registerStart } from './commands/start-command.js';
import { registerSurvey } from './commands/survey-command.js';
import { registerTeams } from './commands/teams-command.js';

export function buildProgram(): Command {
  const program = new Command('tend')
    .description('Tend: a chat-first assistant for Customer Success teams')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    // A parent's options are read before its subcommand's name only (tend mcp --as vs tend mcp tokens create --as).
    .enablePositionalOptions()
    .exitOverride();
  registerStart(program);
  registerImport(program);
  registerSeed(program);
  registerSources(program);
  registerDb(program);
  registerScore(program);
  registerPresets(program);
  registerPlays(program);
  registerChat(program);
  registerSlack(program);
  registerTeams(program);
  registerSurvey(program);
  registerQbr(program);
  registerJobs(program);
  registerAlerts(program);
  registerMcp(program);
  registerBackfill(program);
  registerBacktest(program);
  return program;
}

/** Runs the CLI; expected failures print one clear line, unexpected ones a reference to the log. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CommandError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`tend failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TEND_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    else process.stderr.write('(set TEND_DEBUG=1 to see the stack trace)\n');
    return 1;
  }
}
