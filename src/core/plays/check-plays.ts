import { closestMatches } from '../text/closest-matches.js';
import { playLimits, playSchema, type Play } from './play-schema.js';

/** What a play file may refer to: the workspace's triggers, escalation paths and their roles. */
export interface PlayReferences {
  triggers: ReadonlySet<string>;
  escalationPaths: ReadonlySet<string>;
  roles: ReadonlySet<string>;
  surveys: ReadonlySet<string>;
  /** Feedback theme keys of the workspace's taxonomy. */
  themes: ReadonlySet<string>;
}

export type PlayCheck = { ok: true; plays: Play[] } | { ok: false; problems: string[] };

const printable = (text: string) =>
  [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? '?' : c)).join('');

const where = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Every problem of a list of plays at once (a file is fixed in one pass, not one error per try):
 * each play's shape, then what it refers to, then duplicate ids.
 */
export function checkPlays(raw: unknown, refs: PlayReferences): PlayCheck {
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && 'plays' in raw ? raw.plays : [raw];
  if (!Array.isArray(list) || !list.length) return { ok: false, problems: ['no plays: expected a list of plays'] };
  if (list.length > playLimits.playsPerFile)
    return {
      ok: false,
      problems: [`${list.length} plays in one file; the limit is ${playLimits.playsPerFile} (split the file)`],
    };
  const problems: string[] = [];
  const plays: Play[] = [];
  list.forEach((item: unknown, i) => {
    // The id as written, shortened and without control characters: it is printed back to a terminal.
    const id = item && typeof item === 'object' && 'id' in item ? printable(String(item.id).slice(0, 60)) : undefined;
    const name = `play ${i + 1}${id ? ` (${id})` : ''}`;
    const parsed = playSchema.safeParse(item);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push(`${name}: ${issue.path.length ? `${where(issue.path)} ` : ''}${issue.message}`);
    // What the play refers to is checked even when its shape is wrong, so one pass names everything.
    const references = referenceProblems(item, refs).map((p) => `${name}: ${p}`);
    problems.push(...references);
    if (parsed.success && !references.length) plays.push(parsed.data);
  });
  const seen = new Set<string>();
  for (const p of plays) {
    if (seen.has(p.id)) problems.push(`play ${p.id}: the id is used twice`);
    seen.add(p.id);
  }
  return problems.length ? { ok: false, problems } : { ok: true, plays };
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => !!v && typeof v === 'object' && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Unknown triggers, roles, surveys and paths, read from the play as written (valid or not). */
function referenceProblems(item: unknown, refs: PlayReferences): string[] {
  if (!isObject(item)) return [];
  const problems: string[] = [];
  listOf(item.starts).forEach((s, j) => {
    if (isObject(s) && s.on === 'feedback_theme' && typeof s.theme === 'string' && !refs.themes.has(s.theme)) {
      const near = closestMatches(s.theme, [...refs.themes]);
      problems.push(
        `starts.${j}.theme unknown feedback theme "${s.theme}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ` (themes: ${[...refs.themes].join(', ')})`}`,
      );
    }
    if (isObject(s) && s.on === 'trigger' && typeof s.trigger === 'string' && !refs.triggers.has(s.trigger)) {
      const near = closestMatches(s.trigger, [...refs.triggers]);
      problems.push(
        `starts.${j}.trigger unknown trigger "${s.trigger}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}`,
      );
    }
  });
  listOf(item.steps).forEach((s, j) => {
    if (!isObject(s)) return;
    if (s.kind === 'human' && isObject(s.who) && typeof s.who.role === 'string' && !refs.roles.has(s.who.role))
      problems.push(
        `steps.${j}.who unknown role "${s.who.role}" (roles of the escalation paths: ${[...refs.roles].join(', ')})`,
      );
    if (
      s.kind === 'system' &&
      s.action === 'survey_champion' &&
      (typeof s.survey !== 'string' || !refs.surveys.has(s.survey))
    )
      problems.push(
        `steps.${j}.survey ${typeof s.survey === 'string' ? `unknown survey "${s.survey}"` : 'missing'} (surveys: ${[...refs.surveys].join(', ')})`,
      );
    if (s.kind === 'system' && s.mirrors !== undefined) problems.push(...mirrorProblems(s, j, listOf(item.steps)));
    if (s.kind === 'system' && s.action === 'check_in_champion' && typeof s.message !== 'string')
      problems.push(`steps.${j}.message missing: a check-in needs the message the client will read`);
  });
  if (typeof item.escalationPath === 'string' && !refs.escalationPaths.has(item.escalationPath))
    problems.push(
      `escalationPath unknown path "${item.escalationPath}" (paths: ${[...refs.escalationPaths].join(', ')})`,
    );
  return problems;
}

/** A crm_task's `mirrors` names a human step by its number (from 1). */
function mirrorProblems(step: Loose, j: number, steps: unknown[]): string[] {
  if (step.action !== 'crm_task') return [`steps.${j}.mirrors only a crm_task step mirrors a human step`];
  const target = typeof step.mirrors === 'number' ? steps[step.mirrors - 1] : undefined;
  if (isObject(target) && target.kind === 'human') return [];
  return [
    `steps.${j}.mirrors ${String(step.mirrors)} is not a human step of this play (steps are numbered from 1; human steps: ${
      steps
        .map((s, i) => (isObject(s) && s.kind === 'human' ? i + 1 : undefined))
        .filter((n) => n !== undefined)
        .join(', ') || 'none'
    })`,
  ];
}
