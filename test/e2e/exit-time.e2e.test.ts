import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTend } from '../support/run-tend.js';
import { databaseKinds, postgresUrl } from '../support/test-database.js';

// Commands used to wait about 10 s after their output (a timer the migration engine leaves behind).
// 3 s is the bound the issue set for this machine; the work itself is not timed here.
const exitBoundMs = 3_000;

async function exitDelay(args: string[], env: Record<string, string>) {
  const p = runTend(args, env);
  const code = await p.exited;
  const exitedAt = Date.now();
  expect(code, p.output()).toBe(0);
  expect(p.lastOutputAt(), 'the command printed nothing').toBeGreaterThan(0);
  return exitedAt - p.lastOutputAt();
}

const commands: [string, string[]][] = [
  ['tend ask', ['ask', 'how is Acme doing?']],
  ['tend sources', ['sources']],
];

describe('commands exit as soon as their work is done', () => {
  const embeddedEnv = {
    TEND_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'tend-exit-')), 'db'),
    LOG_LEVEL: 'warn',
    TEND_SEED_DEMO_ON_FIRST_START: 'false',
  };
  it.skipIf(!databaseKinds.includes('pglite')).each(commands)('%s on the embedded database', async (_name, args) => {
    expect(await exitDelay(args, embeddedEnv)).toBeLessThan(exitBoundMs);
  });

  describe.skipIf(!postgresUrl || !databaseKinds.includes('postgresql'))('on PostgreSQL', () => {
    const name = `tend_exit_${randomBytes(4).toString('hex')}`;
    const url = postgresUrl ? Object.assign(new URL(postgresUrl), { pathname: `/${name}` }).toString() : '';
    // Created in a hook, never while tests are collected: a skipped suite must open no connection.
    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });
    it.each(commands)('%s', async (_name, args) => {
      const env = { DATABASE_URL: url, LOG_LEVEL: 'warn', TEND_SEED_DEMO_ON_FIRST_START: 'false' };
      expect(await exitDelay(args, env)).toBeLessThan(exitBoundMs);
    });
  });
});
