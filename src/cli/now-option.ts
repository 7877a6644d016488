import { CommandError } from './cli-context.js';

/**
 * The time a command runs as: `--now` when given (reproducible reports and drafts, answers as of a
 * past day), else the clock.
 */
export function parseNowOption(value: string | undefined): Date {
  if (!value) return new Date();
  const now = new Date(value);
  if (Number.isNaN(now.getTime()))
    throw new CommandError(`--now "${value}" is not an ISO time like 2026-11-22T09:00:00Z`, 2);
  return now;
}
