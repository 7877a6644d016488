import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../paths.js';

// A prompt is a folder: system.md, user.md (with {{placeholders}}) and config.json with its model
// settings, so wording and settings change together and are reviewed as text.

const promptConfigSchema = z.strictObject({
  description: z.string(),
  model: z.string().min(1),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().positive().max(32_000),
});

export interface Prompt {
  name: string;
  system: string;
  user: string;
  config: z.infer<typeof promptConfigSchema>;
}

export const promptsDir = join(projectRoot, 'prompts');

export function loadPrompt(name: string, dir = promptsDir): Prompt {
  const folder = join(dir, name);
  const read = (file: string) => readFileSync(join(folder, file), 'utf8').trim();
  const parsed = promptConfigSchema.safeParse(JSON.parse(read('config.json')));
  if (!parsed.success)
    throw new Error(
      `prompts/${name}/config.json: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return { name, system: read('system.md'), user: read('user.md'), config: parsed.data };
}

/** Fills {{name}} placeholders; a placeholder without a value is a bug, not an empty string. */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = variables[key];
    if (value === undefined) throw new Error(`prompt variable {{${key}}} has no value`);
    return value;
  });
}
