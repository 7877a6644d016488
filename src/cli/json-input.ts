import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { CommandError } from './cli-context.js';

/**
 * A JSON file a person wrote; unreadable or malformed files say which and why. `maxBytes`: a larger
 * file is refused before it is read, with its size and the limit.
 */
export function readJsonFile(file: string, options: { maxBytes?: number } = {}): unknown {
  if (options.maxBytes !== undefined) {
    let size: number | undefined;
    try {
      size = statSync(file).size;
    } catch {
      // Unreadable: the read below says why.
    }
    if (size !== undefined && size > options.maxBytes)
      throw new CommandError(
        `${file} is ${megabytes(size)}; the limit is ${megabytes(options.maxBytes)}. Split it into smaller files.`,
        2,
      );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError(`${file}: ${(error as Error).message}`, 2);
  }
}

/** The file checked against `schema`, every problem listed with its path. */
export function readJsonFileAs<T>(file: string, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(readJsonFile(file));
  if (!parsed.success)
    throw new CommandError(
      `${file} is not valid ${what}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
      2,
    );
  return parsed.data;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 100_000 ? 2 : 1)} MB`;
