import {
  defaultSurveys,
  findSurvey,
  mergeSurveys,
  surveyCatalogueSchema,
  surveyDefinitionSchema,
  type SurveyDefinition,
} from '../../core/surveys/survey-definitions.js';
import type { DbClient } from '../../db/repositories/db-client.js';
import { readSetting } from '../../db/repositories/settings.js';
import { InputError } from '../accounts/input-error.js';

/** The setting that holds the workspace's own survey definitions (`tend survey definitions set`). */
export const surveyDefinitionsKey = 'surveys.definitions';

/** The defaults with the workspace's definitions over them (same key replaces, new key adds). */
export async function loadSurveyCatalogue(db: DbClient): Promise<SurveyDefinition[]> {
  const stored = await readSetting(db, surveyDefinitionsKey);
  if (stored === undefined) return defaultSurveys;
  // Stored definitions were validated on the way in; a failure here means someone edited the table.
  const parsed = surveyCatalogueSchema.safeParse(stored);
  if (!parsed.success)
    throw new InputError(
      `The stored survey definitions are invalid (${parsed.error.issues[0]?.message}); store them again with tend survey definitions set.`,
    );
  return mergeSurveys(defaultSurveys, parsed.data);
}

export async function surveyDefinition(db: DbClient, key: string): Promise<SurveyDefinition> {
  const found = findSurvey(await loadSurveyCatalogue(db), key);
  if (!found.ok) throw new InputError(found.message);
  return found.definition;
}

/** The survey a request was sent with (kept on the request), else today's definition of its key. */
export async function definitionOfRequest(
  db: DbClient,
  request: { surveyKey: string; definition: unknown },
): Promise<SurveyDefinition> {
  const kept = surveyDefinitionSchema.safeParse(request.definition);
  return kept.success ? kept.data : surveyDefinition(db, request.surveyKey);
}
