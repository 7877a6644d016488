import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTend } from '../support/run-tend.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-sources-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn', TEND_SEED_DEMO_ON_FIRST_START: 'false' };

async function run(args: string[]) {
  const p = runTend(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

describe('tend sources', () => {
  it('creates a key shown once, lists sources and keys without secrets, revokes it, and checks a mapping', async () => {
    const created = await run(['sources', 'keys', 'create', 'warehouse', '--label', 'nightly dbt export']);
    expect(created.code).toBe(0);
    const key = /\b(tend_([a-z0-9]{12})_[A-Za-z0-9_-]{43})\b/.exec(created.output);
    expect(key, created.output).not.toBeNull();
    const [, secretKey, id] = key!;

    const listed = await run(['sources', '--json']);
    expect(listed.code).toBe(0);
    const sources = JSON.parse(listed.output) as { name: string; kind: string; activeKeys: number; stale: boolean }[];
    expect(sources).toEqual([expect.objectContaining({ name: 'warehouse', kind: 'api', activeKeys: 1, stale: false })]);

    const keys = await run(['sources', 'keys', 'list']);
    expect(keys.output).toContain(`${id}  warehouse`);
    expect(keys.output).toContain('"nightly dbt export"');
    expect(keys.output).not.toContain(secretKey!.split('_').at(-1)!);

    expect((await run(['sources', 'keys', 'revoke', id!])).output).toContain(`Revoked ${id}.`);

    // A mapping is checked before it replaces anything (a connector's source exists once asked for).
    const bad = join(dir, 'bad-mapping.json');
    writeFileSync(bad, JSON.stringify({ accounts: { name: { path: 'properties.name', transform: 'upper' } } }));
    const refused = await run(['sources', 'mapping', 'set', 'hubspot', bad]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('not a valid hubspot mapping');
  });
});
