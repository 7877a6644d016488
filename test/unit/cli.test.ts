import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/tend.js';

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

describe('tend CLI', () => {
  const program = buildProgram();

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
