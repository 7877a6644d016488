import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/cli/cli-context.js';
import { readJsonFile } from '../../src/cli/json-input.js';
import { playLimits } from '../../src/core/plays/play-schema.js';

describe('a JSON file given to the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-json-'));

  it('over the size limit is refused before it is read, with its size and the limit', () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify([{ id: 'x', source: 'x'.repeat(30_000_000) }]));
    const read = () => readJsonFile(huge, { maxBytes: playLimits.fileBytes });
    expect(read).toThrow(CommandError);
    expect(read).toThrow(`${huge} is 30.0 MB; the limit is 1.0 MB. Split it into smaller files.`);
  });

  it('within the limit is read as before', () => {
    const small = join(dir, 'small.json');
    writeFileSync(small, '[{"id":"x"}]');
    expect(readJsonFile(small, { maxBytes: playLimits.fileBytes })).toEqual([{ id: 'x' }]);
  });
});
