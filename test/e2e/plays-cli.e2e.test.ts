import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTend } from '../support/run-tend.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-plays-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn' };

async function run(args: string[]) {
  const p = runTend(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('tend plays', () => {
  it('refuses a bad play file with every problem named, and stores nothing', async () => {
    const bad = file('bad.json', [
      {
        id: 'rescue',
        name: 'Rescue',
        source: 'our playbook, p. 3',
        starts: [{ on: 'trigger', trigger: 'low_usag' }],
        steps: [
          { kind: 'human', title: 'Call the sponsor', dueDays: 2 },
          { kind: 'human', title: 'Review', who: 'manager', dueDays: -3 },
        ],
        success: { kind: 'signal_cleared', withinDays: 30 },
      },
    ]);
    for (const command of ['validate', 'import']) {
      const { code, output } = await run(['plays', command, bad]);
      expect(code, command).toBe(2);
      expect(output).toContain('3 problem(s), nothing changed');
      expect(output).toContain('steps.0.who has no owner');
      expect(output).toContain('steps.1.dueDays is due in fewer than 0 days');
      expect(output).toContain('starts.0.trigger unknown trigger "low_usag" (did you mean "low_usage"?)');
      expect(output).not.toMatch(/\n\s+at /);
    }
    const after = JSON.parse((await run(['plays', 'list', '--json'])).output) as { id: string }[];
    expect(after.map((p) => p.id)).not.toContain('rescue');
    expect(after).toHaveLength(17);
  });

  it('refuses a NUL and a 5,000-step play with the problem and the limit named, never a database error', async () => {
    const play = {
      id: 'hostile',
      name: 'Hostile',
      source: 'our playbook',
      steps: [{ kind: 'human', title: 'Call\u0000 the sponsor', who: 'owner', dueDays: 2 }],
      success: { kind: 'renewed' },
    };
    const step = { kind: 'human', title: 'Call', who: 'owner', dueDays: 2 };
    const hostile = file('hostile.json', [play, { ...play, id: 'many', steps: Array(5000).fill(step) }]);
    const { code, output } = await run(['plays', 'import', hostile]);
    expect(code).toBe(2);
    expect(output).toContain('2 problem(s), nothing changed');
    expect(output).toContain(
      'play 1 (hostile): steps.0.title contains a control character or line break (such as NUL, \\u0000)',
    );
    expect(output).toContain('play 2 (many): steps has 5000 steps; the limit is 50');
    expect(output).not.toMatch(/prisma|invalid invocation|\n\s+at /i);
  });

  it('exports a play, imports an edited copy as a new version, and shows it', async () => {
    const exported = JSON.parse((await run(['plays', 'export', 'miyar-low-usage'])).output) as Record<
      string,
      unknown
    >[];
    const copy = { ...exported[0], id: 'our-low-usage', name: 'Our low usage play', holdoutPercent: 20 };
    const first = await run(['plays', 'import', file('ours.json', [copy]), '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.output)[0]).toMatchObject({ id: 'our-low-usage', version: 1 });
    const edited = await run(['plays', 'import', file('ours2.json', [{ ...copy, name: 'Our low usage play, v2' }])]);
    expect(edited.output).toContain('Stored our-low-usage v2');
    const shown = await run(['plays', 'show', 'our-low-usage']);
    expect(shown.output).toContain('Our low usage play, v2 (our-low-usage v2)');
    expect(shown.output).toContain('Holdout: 20 % of runs skip the system steps');
  });
});

describe('tend plays report', () => {
  it('finds the demo history’s effective play (interval excluding 0) and not the ineffective one', async () => {
    const env2 = { TEND_DATA_DIR: join(dir, 'demo-db'), LOG_LEVEL: 'warn' };
    const seed = runTend(['seed', '--demo', '--accounts', '100', '--today', '2026-09-14'], env2);
    expect(await seed.exited).toBe(0);
    expect(seed.output()).toMatch(/\d+ past play cases/);
    // As of the demo's day: which renewals have an outcome depends on the day the report is read.
    const report = runTend(['plays', 'report', '--json', '--now', '2026-09-14T12:00:00Z'], env2);
    expect(await report.exited).toBe(0);
    const json = JSON.parse(report.output()) as {
      plays: { playId: string; churn: { kind: string; difference?: { low: number; high: number } } }[];
    };
    const churn = (id: string) => json.plays.find((p) => p.playId === id)!.churn;
    expect(churn('mapleai-usage-decline').kind).toBe('measured');
    expect(churn('mapleai-usage-decline').difference!.high).toBeLessThan(0);
    expect(churn('mapleai-ticket-spike').difference!.low).toBeLessThan(0);
    expect(churn('mapleai-ticket-spike').difference!.high).toBeGreaterThan(0);
  }, 300_000);
});
