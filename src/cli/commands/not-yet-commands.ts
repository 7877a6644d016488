import type { Command } from 'commander';
import { CommandError } from '../cli-context.js';

// Commands whose features land with later issues: they exist so `tend --help` shows the whole
// tool, and say plainly that they are not available yet.
const pending: { name: string; args?: string; description: string; feature: string }[] = [
  {
    name: 'jobs',
    args: '[list|run] [name]',
    description: 'List scheduled jobs or run one now (tend jobs run <name> --now <ISO time>)',
    feature: 'the proactive engine',
  },
];

export function registerNotYetAvailable(program: Command): void {
  for (const command of pending) {
    program
      .command(`${command.name}${command.args ? ` ${command.args}` : ''}`)
      .description(`${command.description} (not available yet)`)
      .allowUnknownOption()
      .action(() => {
        throw new CommandError(`tend ${command.name} is not available yet: it arrives with ${command.feature}.`, 3);
      });
  }
}
