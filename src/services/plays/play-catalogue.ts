import { loadThemeTaxonomy } from '../feedback/feedback-themes.js';
import { builtInPlays, playReferences } from '../../core/plays/built-in-plays.js';
import { checkPlays, type PlayCheck } from '../../core/plays/check-plays.js';
import type { Play } from '../../core/plays/play-schema.js';
import { closestMatches } from '../../core/text/closest-matches.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { readSettings, writeSetting } from '../../db/repositories/settings.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { loadSurveyCatalogue } from '../surveys/survey-catalogue.js';

// Built-in plays plus the workspace's own, kept in settings like presets: a change is a new version
// and every version stays in history, so a run names the version it followed.

const customPlaysKey = 'plays.custom';
const historyKey = 'plays.history';

export interface PlayCatalogue {
  plays: readonly Play[];
  find(id: string): Play | undefined;
  /** The play, or an error with the closest ids. */
  get(id: string): Play;
  isBuiltIn(id: string): boolean;
}

export class UnknownPlayError extends Error {
  constructor(id: string, suggestions: string[]) {
    super(
      `There is no play "${id}".${suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''} See: tend plays list`,
    );
    this.name = 'UnknownPlayError';
  }
}

export async function loadPlayCatalogue(db: DbClient): Promise<PlayCatalogue> {
  const settings = await readSettings(db, [customPlaysKey]);
  const custom = (settings.get(customPlaysKey) as Play[] | undefined) ?? [];
  const byId = new Map(builtInPlays.map((p) => [p.id, p]));
  // Stored plays were checked when saved; a preset removed since only makes their trigger never fire.
  for (const p of custom) byId.set(p.id, p);
  const plays = [...byId.values()];
  return {
    plays,
    find: (id) => byId.get(id),
    get(id) {
      const play = byId.get(id);
      if (!play) throw new UnknownPlayError(id, closestMatches(id, [...byId.keys()]));
      return play;
    },
    isBuiltIn: (id) => builtInPlays.some((p) => p.id === id) && !custom.some((p) => p.id === id),
  };
}

/** Checks plays against the workspace's presets and surveys, changing nothing. */
export async function validatePlays(db: DbClient, raw: unknown): Promise<PlayCheck> {
  const [presets, surveys, themes] = await Promise.all([
    loadPresetCatalogue(db),
    loadSurveyCatalogue(db),
    loadThemeTaxonomy(db),
  ]);
  return checkPlays(
    raw,
    playReferences(
      presets.presets.values(),
      surveys.map((s) => s.key),
      themes,
    ),
  );
}

/**
 * Stores plays after checking all of them: one bad play stores none. A play whose content changed
 * gets the next version number; unchanged plays keep theirs.
 */
export async function importPlays(db: DbClient, raw: unknown): Promise<PlayCheck> {
  const checked = await validatePlays(db, raw);
  if (!checked.ok) return checked;
  const settings = await readSettings(db, [customPlaysKey, historyKey]);
  const custom = (settings.get(customPlaysKey) as Play[] | undefined) ?? [];
  const history = (settings.get(historyKey) as Play[] | undefined) ?? [];
  const current = new Map([...builtInPlays, ...custom].map((p) => [p.id, p]));
  const stored: Play[] = [];
  const result: Play[] = [];
  for (const play of checked.plays) {
    const before = current.get(play.id);
    const same = before && JSON.stringify({ ...before, version: 0 }) === JSON.stringify({ ...play, version: 0 });
    if (same) {
      result.push(before);
      continue;
    }
    const versions = [before?.version ?? 0, ...history.filter((h) => h.id === play.id).map((h) => h.version)];
    const next = { ...play, version: before ? Math.max(...versions) + 1 : play.version };
    stored.push(next);
    result.push(next);
  }
  if (!stored.length) return { ok: true, plays: result };
  const ids = new Set(stored.map((p) => p.id));
  await writeSetting(db, customPlaysKey, [...custom.filter((p) => !ids.has(p.id)), ...stored]);
  await writeSetting(db, historyKey, [
    ...history,
    ...stored.filter((p) => !history.some((h) => h.id === p.id && h.version === p.version)),
  ]);
  return { ok: true, plays: result };
}
