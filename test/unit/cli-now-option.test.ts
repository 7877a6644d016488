import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/cli/cli-context.js';
import { parseNowOption } from '../../src/cli/now-option.js';

// One reading of --now for score, qbr, backtest, calibrate, jobs run and plays report.
describe('--now', () => {
  it('reads an ISO time', () => {
    expect(parseNowOption('2026-11-22T09:00:00Z').toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });

  it('refuses anything else with the value and an example, as a usage error', () => {
    const refused = (() => {
      try {
        parseNowOption('yesterday');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(CommandError);
    expect((refused as CommandError).exitCode).toBe(2);
    expect((refused as CommandError).message).toBe('--now "yesterday" is not an ISO time like 2026-11-22T09:00:00Z');
  });
});
