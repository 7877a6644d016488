import bisCalculator from './bis-calculator.json' with { type: 'json' };
import bisTable from './bis-table.json' with { type: 'json' };
import bymb from './bymb.json' with { type: 'json' };
import mapleai from './mapleai.json' with { type: 'json' };
import miyar from './miyar.json' with { type: 'json' };
import omnigaze from './omnigaze.json' with { type: 'json' };
import { closestMatches } from '../text/closest-matches.js';
import { presetSchema, type Preset } from './preset-schema.js';

// The reference frameworks as data. The JSON files are the presets a customer copies and edits;
// they are validated here exactly as a customer's own copy would be.

const sources: Record<string, unknown> = {
  miyar,
  omnigaze,
  mapleai,
  'bis-table': bisTable,
  'bis-calculator': bisCalculator,
  bymb,
};

export class UnknownPresetError extends Error {
  constructor(
    readonly id: string,
    readonly suggestions: string[],
  ) {
    super(
      `There is no preset "${id}".${suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''} ` +
        `Presets: ${Object.keys(sources).join(', ')}.`,
    );
    this.name = 'UnknownPresetError';
  }
}

export function parsePreset(input: unknown): Preset {
  const result = presetSchema.safeParse(input);
  if (result.success) return result.data;
  const id = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '(unnamed)';
  throw new Error(
    `Preset "${id}" is invalid:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
  );
}

export const builtInPresets: ReadonlyMap<string, Preset> = new Map(
  Object.entries(sources).map(([id, source]) => [id, parsePreset(source)]),
);

/** The raw JSON of a preset, as a customer would copy it. */
export function presetSource(id: string): unknown {
  if (!(id in sources)) throw new UnknownPresetError(id, closestMatches(id, Object.keys(sources)));
  return sources[id];
}

export function getPreset(id: string): Preset {
  const preset = builtInPresets.get(id);
  if (!preset) throw new UnknownPresetError(id, closestMatches(id, [...builtInPresets.keys()]));
  return preset;
}

/** Presets that define a health model. */
export function scoringPresets(): Preset[] {
  return [...builtInPresets.values()].filter((p) => p.model);
}
