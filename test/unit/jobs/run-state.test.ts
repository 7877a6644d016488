import { describe, expect, it } from 'vitest';
import { runState } from '../../../src/cli/commands/jobs-command.js';

describe('a job run as tend jobs list shows it', () => {
  const claimedAt = new Date('2026-09-14T09:00:00Z');
  const expiresAt = new Date('2026-09-14T10:00:00Z');
  const run = { job: 'recompute-all', state: 'RUNNING', claimedAt, expiresAt };

  it('is running while its lease lasts, and stale once a killed runner has left it behind', () => {
    expect(runState(run, new Date('2026-09-14T09:30:00Z'))).toBe(
      'running since 2026-09-14T09:00:00.000Z (lease until 2026-09-14T10:00:00.000Z)',
    );
    expect(runState(run, new Date('2026-09-14T10:00:01Z'))).toMatch(
      /^stale \(its runner stopped before finishing; lease ended 2026-09-14T10:00:00.000Z\): will re-run .*`tend jobs run recompute-all`$/,
    );
    expect(runState({ ...run, state: 'SUCCEEDED' }, new Date('2026-09-14T12:00:00Z'))).toBe('succeeded');
  });
});
