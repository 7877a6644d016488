import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { CommandError } from './cli-context.js';

/** A JSON file a person wrote; unreadable or malformed files say which and why. */
export function readJsonFile(file: string): unknown {
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
