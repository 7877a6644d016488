import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { commandModules, type CommandModule } from './command-modules.js';
import type { IndexedCommand } from './tend.js';

export const commandIndexPath = fileURLToPath(new URL('./command-index.json', import.meta.url));

/** The index as the command modules define it today (loads every module). */
export async function commandIndexFromModules(): Promise<IndexedCommand[]> {
  const index: IndexedCommand[] = [];
  for (const [module, load] of Object.entries(commandModules) as [
    CommandModule,
    () => Promise<(p: Command) => void>,
  ][]) {
    const program = new Command('tend');
    (await load())(program);
    for (const command of program.commands) {
      index.push({
        name: command.name(),
        args: command.registeredArguments
          .map((arg) => {
            const name = `${arg.name()}${arg.variadic ? '...' : ''}`;
            return arg.required ? `<${name}>` : `[${name}]`;
          })
          .join(' '),
        description: command.description(),
        hasOptions: command.options.length > 0,
        module,
      });
    }
  }
  return index;
}
