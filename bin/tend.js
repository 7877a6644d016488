#!/usr/bin/env node
// Tend runs its TypeScript sources through tsx: no build step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

// Supported: Node.js 22 and 24 (LTS). Older runtimes still start, with a word to a person at a terminal.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22 && process.stderr.isTTY)
  process.stderr.write(
    `Tend supports Node.js 22 and 24 (LTS); this is Node ${process.versions.node}, past its end of life. ` +
      'It still starts, but please upgrade. Without installing anything: npx -y node@24 bin/tend.js start\n',
  );

register();
await import('../src/cli/main.ts');
