import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../src/config/env-schema.js';

// Every setting Tend reads is documented where an operator looks: docs/configuration.md and .env.example.

const settings = Object.keys(envSchema.shape);
const docs = readFileSync('docs/configuration.md', 'utf8');
const example = readFileSync('.env.example', 'utf8');

describe('configuration documentation', () => {
  it('reads dozens of settings', () => {
    expect(settings.length).toBeGreaterThan(50);
    expect(settings).toContain('TEND_JOBS_ENABLED');
  });

  it('names every setting, whole, in docs/configuration.md', () => {
    expect(settings.filter((key) => !docs.includes(`\`${key}\``))).toEqual([]);
  });

  it('lists every setting in .env.example, with a comment above it', () => {
    const lines = example.split('\n');
    const missing = settings.filter((key) => !lines.some((l) => new RegExp(`^#?\\s*${key}=`).test(l)));
    expect(missing).toEqual([]);
    const uncommented = settings.filter((key) => {
      const i = lines.findIndex((l) => new RegExp(`^#?\\s*${key}=`).test(l));
      return (
        i <= 0 || !lines.slice(Math.max(0, i - 3), i).some((l) => /^#\s*\S/.test(l) && !/^#\s*[A-Z0-9_]+=/.test(l))
      );
    });
    expect(uncommented).toEqual([]);
  });
});
