#!/usr/bin/env node
// `prisma generate` tries to download the schema-engine binary even though generating the client
// never runs it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download, so
// installs work offline. Migrations use the WebAssembly engine instead (src/db/migrations/).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
