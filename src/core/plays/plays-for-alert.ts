import type { Play } from './play-schema.js';

export interface PlayForAlert {
  play: Play;
  /** Start it with the alert; otherwise the alert offers it. */
  auto: boolean;
}

/** The feedback themes an alert's evidence names (survey alerts keep those of the client's comment). */
export function alertThemes(evidence: unknown): string[] {
  const themes = (evidence as { themes?: unknown } | null)?.themes;
  return Array.isArray(themes) ? themes.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * The plays an alert names, from its kind: "signal:<trigger>", "at_risk",
 * "renewal:<date>:<days before>", or "survey:<request>" with the themes of the client's comment.
 */
export function playsForAlert(kind: string, plays: readonly Play[], themes: readonly string[] = []): PlayForAlert[] {
  const renewal = /^renewal:[^:]+:(\d+)$/.exec(kind);
  const out: PlayForAlert[] = [];
  for (const play of plays) {
    const start = play.starts.find((s) =>
      s.on === 'trigger'
        ? kind === `signal:${s.trigger}`
        : s.on === 'at_risk'
          ? kind === 'at_risk'
          : s.on === 'renewal'
            ? renewal !== null && Number(renewal[1]) === s.daysBefore
            : kind.startsWith('survey:') && themes.includes(s.theme),
    );
    if (start) out.push({ play, auto: start.auto });
  }
  return out;
}
