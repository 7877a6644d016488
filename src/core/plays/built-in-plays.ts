import { defaultThemeTaxonomy, type ThemeTaxonomy } from '../feedback/theme-taxonomy.js';
import source from './built-in-plays.json' with { type: 'json' };
import { builtInPresets } from '../presets/built-in-presets.js';
import type { Preset } from '../presets/preset-schema.js';
import { checkPlays, type PlayReferences } from './check-plays.js';
import type { Play } from './play-schema.js';

// One play for every trigger of every seed preset, each citing its framework section, plus the BY MB
// strategic escalation and the BIS feedback action plan (started by hand). The JSON is what
// `tend plays export` prints and a team copies and edits.

/** What plays may refer to, from the presets a workspace knows and its surveys. */
export function playReferences(
  presets: Iterable<Preset>,
  surveys: Iterable<string>,
  taxonomy: ThemeTaxonomy = defaultThemeTaxonomy,
): PlayReferences {
  const list = [...presets];
  const paths = list.flatMap((p) => p.escalationPaths ?? []);
  return {
    triggers: new Set(list.flatMap((p) => p.triggers.map((t) => t.id))),
    escalationPaths: new Set(paths.map((p) => p.key)),
    roles: new Set(paths.flatMap((p) => p.steps.map((s) => s.role))),
    surveys: new Set(surveys),
    themes: new Set(taxonomy.themes.map((t) => t.key)),
  };
}

const checked = checkPlays(source, playReferences(builtInPresets.values(), ['nps', 'csat', 'ces']));
if (!checked.ok) throw new Error(`The built-in plays are invalid:\n${checked.problems.join('\n')}`);

export const builtInPlays: readonly Play[] = checked.plays;

export const builtInPlaySource: unknown = source;
