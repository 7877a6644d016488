import { builtInPresets, parsePreset, UnknownPresetError } from '../../core/presets/built-in-presets.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import {
  defaultWorkspaceProfile,
  workspaceProfileSchema,
  type WorkspaceProfile,
} from '../../core/presets/workspace-profile.js';
import { closestMatches } from '../../core/text/closest-matches.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { readSetting, readSettings, writeSetting } from '../../db/repositories/settings.js';

// Built-in presets plus the workspace's own (copies a customer edited and imported), and the
// workspace profile choosing among them. Both live in settings, so edits need no deploy.

const customPresetsKey = 'scoring.customPresets';
const profileKey = 'scoring.profile';
/** Every version of every custom preset ever saved: snapshots name the version that scored them. */
const historyKey = 'scoring.presetHistory';

export interface PresetCatalogue {
  presets: ReadonlyMap<string, Preset>;
  profile: WorkspaceProfile;
  get(id: string): Preset;
}

export async function loadPresetCatalogue(db: DbClient): Promise<PresetCatalogue> {
  // One round trip for both settings: every answer in chat starts here.
  const settings = await readSettings(db, [customPresetsKey, profileKey]);
  const custom = (settings.get(customPresetsKey) as unknown[] | undefined) ?? [];
  const presets = new Map(builtInPresets);
  for (const raw of custom) {
    const preset = parsePreset(raw);
    presets.set(preset.id, preset);
  }
  const storedProfile = settings.get(profileKey);
  const profile = storedProfile ? workspaceProfileSchema.parse(storedProfile) : defaultWorkspaceProfile;
  return {
    presets,
    profile,
    get(id) {
      const preset = presets.get(id);
      if (!preset) throw new UnknownPresetError(id, closestMatches(id, [...presets.keys()]));
      return preset;
    },
  };
}

type RawPreset = { id: string; model?: { version?: string } };

/**
 * Stores a customer's preset (validated); a built-in id may not be replaced, only copied under a new
 * id. A change to a stored preset is a new version: when the model changed but kept its version
 * number, the number moves past every version saved before, and the old version stays in history.
 */
export async function saveCustomPreset(db: DbClient, raw: unknown): Promise<Preset> {
  let preset = parsePreset(raw);
  if (builtInPresets.has(preset.id)) {
    throw new Error(
      `"${preset.id}" is a built-in preset; give your copy its own id (and model id), e.g. "${preset.id}-custom".`,
    );
  }
  const settings = await readSettings(db, [customPresetsKey, historyKey]);
  const custom = (settings.get(customPresetsKey) as RawPreset[] | undefined) ?? [];
  const history = (settings.get(historyKey) as RawPreset[] | undefined) ?? [];
  const earlier = history.filter((p) => p.id === preset.id);
  let stored = raw as RawPreset;
  const sameVersion = earlier.find((p) => p.model?.version === preset.model?.version);
  if (preset.model && sameVersion && JSON.stringify(parsePreset(sameVersion)) !== JSON.stringify(preset)) {
    const numbers = earlier.map((p) => Number(p.model?.version)).filter(Number.isFinite);
    const version = String(Math.max(0, ...numbers) + 1);
    stored = { ...stored, model: { ...(stored.model ?? {}), version } };
    preset = parsePreset(stored);
  }
  await writeSetting(db, customPresetsKey, [...custom.filter((p) => p.id !== preset.id), stored]);
  if (!sameVersion || stored !== raw) await writeSetting(db, historyKey, [...history, stored]);
  return preset;
}

/**
 * A preset as it is now (`id`) or as it was (`id@version`, any version saved before). Built-in
 * presets have the one version they ship with.
 */
export async function presetVersion(db: DbClient, ref: string): Promise<Preset> {
  const [id, version] = ref.split('@') as [string, string | undefined];
  const catalogue = await loadPresetCatalogue(db);
  const current = catalogue.get(id);
  if (!version || current.model?.version === version) return current;
  const history = ((await readSetting(db, historyKey)) as RawPreset[] | undefined) ?? [];
  const found = history.find((p) => p.id === id && p.model?.version === version);
  if (!found) {
    const known = [current.model?.version, ...history.filter((p) => p.id === id).map((p) => p.model?.version)];
    throw new UnknownPresetError(
      ref,
      [...new Set(known)].filter(Boolean).map((v) => `${id}@${v}`),
    );
  }
  return parsePreset(found);
}

/** Changes the workspace profile, checking that every preset it names exists and has what it is used for. */
export async function updateWorkspaceProfile(
  db: DbClient,
  change: (current: WorkspaceProfile) => WorkspaceProfile,
): Promise<WorkspaceProfile> {
  const catalogue = await loadPresetCatalogue(db);
  const next = workspaceProfileSchema.parse(change(catalogue.profile));
  for (const id of [next.model, ...Object.values(next.modelByTier), ...Object.values(next.modelBySegment)]) {
    if (!catalogue.get(id).model) throw new Error(`preset "${id}" has no health model`);
  }
  for (const id of next.triggers) catalogue.get(id);
  if (!catalogue.get(next.lifecycle).lifecycle) throw new Error(`preset "${next.lifecycle}" defines no lifecycle`);
  if (!catalogue.get(next.cadence).cadence) throw new Error(`preset "${next.cadence}" defines no cadence`);
  if (!catalogue.get(next.renewals).renewalMilestones)
    throw new Error(`preset "${next.renewals}" defines no renewal milestones`);
  if (!catalogue.get(next.escalation).escalationPaths)
    throw new Error(`preset "${next.escalation}" defines no escalation paths`);
  await writeSetting(db, profileKey, next);
  return next;
}
