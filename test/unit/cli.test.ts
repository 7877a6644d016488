import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import commandIndex from '../../src/cli/command-index.json' with { type: 'json' };
import { commandIndexFromModules } from '../../src/cli/command-index-source.js';
import { buildProgram, programFor } from '../../src/cli/tend.js';

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

describe('tend CLI', async () => {
  const program = await buildProgram();

  it('lists every command from an up-to-date index, loading none of their modules for help', async () => {
    // npm run generate:cli-index rewrites the index after a command is added or described anew.
    expect(commandIndex, 'src/cli/command-index.json is out of date: npm run generate:cli-index').toEqual(
      await commandIndexFromModules(),
    );
    const listed = (await programFor(['node', 'tend', '--help'])).helpInformation();
    expect(listed).toBe(program.helpInformation());
    for (const word of ['ask', 'help']) {
      const one = await programFor(['node', 'tend', word, 'qbr'].slice(0, word === 'help' ? 4 : 3));
      expect(one.helpInformation()).toBe(program.helpInformation());
    }
    const qbr = (await programFor(['node', 'tend', 'qbr'])).commands.find((c) => c.name() === 'qbr')!;
    expect(qbr.helpInformation()).toBe(program.commands.find((c) => c.name() === 'qbr')!.helpInformation());
  });

  it('has the commands the README promises, each with help', () => {
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(
      expect.arrayContaining([
        'start',
        'chat',
        'ask',
        'score',
        'import',
        'seed',
        'db',
        'jobs',
        'qbr',
        'slack',
        'alerts',
      ]),
    );
    for (const command of allCommands(program)) {
      expect(command.description(), command.name()).not.toBe('');
      const path: string[] = [];
      for (let c: Command | null = command; c; c = c.parent) path.unshift(c.name());
      expect(command.helpInformation()).toContain(`Usage: ${path.join(' ')}`);
    }
    expect(allCommands(program.commands.find((c) => c.name() === 'db')!).map((c) => c.name())).toEqual([
      'migrate',
      'status',
      'new',
      'check',
    ]);
  });
});
