// Writes src/cli/command-index.json from the real commands: what `tend --help` lists without loading
// every command's module. test/unit/cli.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { commandIndexFromModules, commandIndexPath } from '../src/cli/command-index-source.js';

writeFileSync(commandIndexPath, `${JSON.stringify(await commandIndexFromModules(), null, 2)}\n`);
console.log(`wrote ${commandIndexPath}`);
