import { Command, CommanderError, Option } from 'commander';
import { commandModules, type CommandModule } from './command-modules.js';
import commandIndex from './command-index.json' with { type: 'json' };

/** One top-level command as `tend --help` lists it, and the module that defines it. */
export interface IndexedCommand {
  name: string;
  /** Arguments as the help shows them, e.g. `<question...>`. */
  args: string;
  description: string;
  /** Whether the help lists it as `name [options] ...`. */
  hasOptions: boolean;
  module: CommandModule;
}

function newProgram(): Command {
  return (
    new Command('tend')
      .description('Tend: a chat-first assistant for Customer Success teams')
      .showHelpAfterError('(run with --help for usage)')
      .showSuggestionAfterError(true)
      // A parent's options are read before its subcommand's name only (tend mcp --as vs tend mcp tokens create --as).
      .enablePositionalOptions()
      .exitOverride()
  );
}

/** Every command, fully defined (tests, and the generator of command-index.json). */
export async function buildProgram(): Promise<Command> {
  const program = newProgram();
  for (const load of Object.values(commandModules)) (await load())(program);
  return program;
}

/**
 * The program for one run: the module of the command asked for is loaded and defines it in full;
 * every other command is listed from the index (name, arguments, description) so help, usage errors
 * and "did you mean" read the same, without loading what this run does not use.
 */
export async function programFor(argv: string[]): Promise<Command> {
  const index = commandIndex as IndexedCommand[];
  const words = argv.slice(2);
  const asked = words[0] === 'help' ? words[1] : words[0];
  const wanted = index.find((entry) => entry.name === asked)?.module;
  const program = newProgram();
  let loaded = false;
  // A module's commands are next to each other in the index, so loading it in its place keeps the order.
  for (const entry of index) {
    if (entry.module === wanted) {
      if (!loaded) (await commandModules[entry.module]())(program);
      loaded = true;
      continue;
    }
    const stub = program.command(entry.args ? `${entry.name} ${entry.args}` : entry.name);
    stub.description(entry.description).allowUnknownOption().helpOption(false);
    // The listing shows "[options]" for a command that has any; the real options load with the command.
    if (entry.hasOptions) stub.addOption(new Option('--options-load-with-the-command').hideHelp());
  }
  return program;
}

/** Runs the CLI; expected failures print one clear line, unexpected ones a reference to the log. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await (await programFor(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // By name: the classes live in modules this run may not have loaded.
    const name = error instanceof Error ? error.name : '';
    if (name === 'CommandError') {
      process.stderr.write(`${(error as Error).message}\n`);
      return (error as Error & { exitCode: number }).exitCode;
    }
    if (name === 'ConfigError' || name === 'DataDirLockedError') {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`tend failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TEND_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    else process.stderr.write('(set TEND_DEBUG=1 to see the stack trace)\n');
    return 1;
  }
}
