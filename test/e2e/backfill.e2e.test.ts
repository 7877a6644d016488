import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTend } from '../support/run-tend.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-backfill-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn' };

async function run(args: string[]) {
  const p = runTend(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

describe('tend backfill', () => {
  it('scores past days as JSON, checks its arguments, and points jobs for past days to it', async () => {
    expect((await run(['seed', '--demo', '--accounts', '10', '--today', '2026-09-14'])).code).toBe(0);
    const done = await run(['backfill', '--from', '2026-06-01', '--to', '2026-09-01', '--every', '2w', '--json']);
    expect(done.code, done.output).toBe(0);
    const json = JSON.parse(done.output) as { days: string[]; snapshots: number; failed: unknown[] };
    expect(json.days).toEqual([
      '2026-06-01',
      '2026-06-15',
      '2026-06-29',
      '2026-07-13',
      '2026-07-27',
      '2026-08-10',
      '2026-08-24',
    ]);
    expect(json.snapshots).toBeGreaterThan(0);
    expect(json.failed).toEqual([]);

    const text = await run(['backfill', '--from', '2026-08-01', '--to', '2026-08-31', '--every', '7']);
    expect(text.code).toBe(0);
    expect(text.output).toMatch(
      /Backfilled 5 day\(s\) from 2026-08-01 to 2026-08-29 every 7 day\(s\) in [\d.]+ s: \d+ snapshot\(s\)/,
    );
    expect(text.output).toContain('No alerts were raised. Next: tend backtest --from 2026-08-01');

    const badDay = await run(['backfill', '--from', '2026-13-01', '--to', '2026-08-31']);
    expect(badDay.code).toBe(2);
    expect(badDay.output).toContain('--from 2026-13-01: write a day as YYYY-MM-DD');
    const badEvery = await run(['backfill', '--from', '2026-08-01', '--to', '2026-08-31', '--every', '0d']);
    expect(badEvery.code).toBe(2);
    expect(badEvery.output).toContain('--every 0d: a number of days (14d) or weeks (2w)');
    const backwards = await run(['backfill', '--from', '2026-08-31', '--to', '2026-08-01']);
    expect(backwards.code).toBe(2);

    // Refusals under --json are JSON too (and said on stderr, exit 2): scripts never get nothing.
    const errorOf = (output: string) =>
      (JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1)) as { error: string }).error;
    const now = ['--now', '2026-09-14T09:00:00Z'];
    const unknownPreset = await run(['backtest', '--model', 'no-such-preset', '--json', ...now]);
    expect(unknownPreset.code).toBe(2);
    expect(errorOf(unknownPreset.output)).toMatch(/no-such-preset/);
    const badTarget = await run(['backtest', '--fit-threshold', 'precision=2', '--json', ...now]);
    expect(badTarget.code).toBe(2);
    expect(errorOf(badTarget.output)).toBe(
      '--fit-threshold precision=2: write precision=0.4 or recall=0.6 (a share between 0 and 1)',
    );
    const tooLittle = await run(['calibrate', '--from-preset', 'bis-table', '--dry-run', '--json', ...now]);
    expect(tooLittle.code).toBe(2);
    expect(errorOf(tooLittle.output)).toMatch(/^Too little history to calibrate/);

    const pastJob = await run(['jobs', 'run', 'recompute-all', '--now', '2025-01-01T07:00:00Z']);
    expect(pastJob.code).toBe(2);
    expect(pastJob.output).toContain('use: tend backfill --from <day> --to <day>');
  });
});
