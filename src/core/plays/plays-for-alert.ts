import type { Play } from './play-schema.js';

export interface PlayForAlert {
  play: Play;
  /** Start it with the alert; otherwise the alert offers it. */
  auto: boolean;
}

/**
 * The plays an alert names, from its kind: "signal:<trigger>", "at_risk", or
 * "renewal:<date>:<days before>".
 */
export function playsForAlert(kind: string, plays: readonly Play[]): PlayForAlert[] {
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
            : false,
    );
    if (start) out.push({ play, auto: start.auto });
  }
  return out;
}
