import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTend } from '../support/run-tend.js';

describe('tend start on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-e2e-'));
  const env = { TEND_DATA_DIR: join(dir, 'db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };

  it('starts with the demo portfolio, guards its folder, stops cleanly and keeps its data', async () => {
    const first = runTend(['start'], env);
    const ready = await first.waitFor(/"port":(\d+)[^\n]*"msg":"Tend is ready"/);
    expect(first.output()).toContain('"msg":"demo portfolio added"');
    const base = `http://127.0.0.1:${ready[1]}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const readiness = await fetch(`${base}/readyz`, { headers: { 'x-request-id': 'probe-1' } });
    expect(await readiness.json()).toEqual({ status: 'ready' });
    expect(readiness.headers.get('x-request-id')).toBe('probe-1');

    // A second process on the same folder fails clearly instead of corrupting it.
    const second = runTend(['start'], { ...env, PORT: '0' });
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain('is in use by another Tend process');

    // The scheduler catches up the jobs' latest slots at start: the daily recompute and its alerts.
    await first.waitFor(/"job":"recompute-all"[^\n]*"msg":"job done"/, 90_000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"Tend stopped"');
    const list = runTend(['jobs', 'list'], env);
    expect(await list.exited).toBe(0);
    expect(list.output()).toMatch(/recompute-all\s+0 2 \* \* \*\s+enabled\s+last: \S+ succeeded/);

    // With the lock released, the CLI can use the same data: a bad file names its lines and changes nothing.
    const badFile = join(dir, 'bad-accounts.csv');
    writeFileSync(
      badFile,
      'external_id,name,segment,tier,lifecycle_stage,arr\nx-1,Fine Ltd,standard,essential,adoption,100\nx-2,Broken Ltd,standard,essential,adoption,lots\n',
    );
    const bad = runTend(['import', badFile, '--kind', 'accounts'], env);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('line 3: arr "lots" must be an amount');
    expect(bad.output()).toContain('nothing was imported');

    // Restarting finds the data that is there: no second demo seed.
    const again = runTend(['start'], env);
    await again.waitFor(/"msg":"Tend is ready"/);
    expect(again.output()).not.toContain('demo portfolio added');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('explains bad configuration and exits without a stack trace', async () => {
    const run = runTend(['start'], { ...env, PORT: 'eighty', LOG_LEVEL: 'chatty' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("Tend's configuration has 2 problems");
    expect(run.output()).toContain('PORT is "eighty"');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('rejects a mistyped command or option value with the valid choices', async () => {
    const kind = runTend(['import', 'examples/users.csv', '--kind', 'acounts'], env);
    expect(await kind.exited).toBe(1);
    expect(kind.output()).toContain('Allowed choices are accounts, contacts, users, metrics, feedback');
    const command = runTend(['imprt'], env);
    expect(await command.exited).toBe(1);
    expect(command.output()).toContain('(Did you mean import?)');
  });

  it('runs a job for a given time once per slot', async () => {
    const args = ['jobs', 'run', 'renewal-reminders', '--now', '2031-01-15T07:00:30Z'];
    const first = runTend(args, env);
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(
      /renewal-reminders \(slot 2031-01-15T07:00:00.000Z\): \{"opened":\d+,"resolved":\d+\}/,
    );
    const again = runTend(args, env);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('already ran or is running elsewhere; nothing done');
    const typo = runTend(['jobs', 'run', 'renewal-reminder'], env);
    expect(await typo.exited).toBe(2);
    expect(typo.output()).toContain('Did you mean renewal-reminders?');
  });
});
