import { runCli } from './tend.js';

process.exitCode = await runCli(process.argv);
