import { defaultThemeTaxonomy, themeTaxonomySchema, type ThemeTaxonomy } from '../../core/feedback/theme-taxonomy.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { readSetting } from '../../db/repositories/settings.js';

export const themeTaxonomyKey = 'feedback.themes';

/** The workspace's feedback themes (setting `feedback.themes`), else Tend's default taxonomy. */
export async function loadThemeTaxonomy(db: DbClient): Promise<ThemeTaxonomy> {
  const stored = await readSetting(db, themeTaxonomyKey);
  return stored ? themeTaxonomySchema.parse(stored) : defaultThemeTaxonomy;
}
