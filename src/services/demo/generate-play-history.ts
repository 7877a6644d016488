import { SeededRandom } from './seeded-random.js';

// Past play runs for the demo whose true effect the generator knows, so `tend plays report` can be
// checked against it: on the renewals the demo already recorded, one trigger fired some weeks before
// each of most renewals; one play (usage decline) was run on accounts so that, among its cases,
// churn after a completed run is half the churn without one; the other (ticket spike) was run on
// half of the churned and half of the renewed cases, so it changes nothing. Only who got the play
// is drawn: the renewals are the demo's own.

export const effectivePlay = { playId: 'mapleai-usage-decline', trigger: 'usage_decline_mom', churnRatio: 0.5 };
export const ineffectivePlay = { playId: 'mapleai-ticket-spike', trigger: 'ticket_spike', churnRatio: 1 };

export interface PastRenewal {
  accountId: string;
  /** What orders renewals of the same day: stable across seedings (account ids are random UUIDs). */
  stableKey: string;
  occurredOn: Date;
  churned: boolean;
}

export interface PlannedCase {
  accountId: string;
  playId: string;
  trigger: string;
  alertAt: Date;
  ran: boolean;
}

const dayMs = 86_400_000;

/**
 * P(run | churned) = a and P(run | renewed) = b such that churn among runs is `ratio` times churn
 * among the rest, at base churn `c`: fixes a and solves for b (bisection; the ratio falls as b rises).
 */
export function assignmentFor(c: number, ratio: number, a = 0.3): { a: number; b: number } {
  const churnRatio = (b: number) => {
    const run = (a * c) / (a * c + b * (1 - c));
    const rest = ((1 - a) * c) / ((1 - a) * c + (1 - b) * (1 - c));
    return run / rest;
  };
  let lo = 0.001;
  let hi = 0.999;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (churnRatio(mid) > ratio) lo = mid;
    else hi = mid;
  }
  return { a, b: (lo + hi) / 2 };
}

export function planPlayHistory(renewals: readonly PastRenewal[], seed: number): PlannedCase[] {
  const rng = new SeededRandom(seed * 6_700_417 + 29);
  const sorted = [...renewals].sort(
    (x, y) => x.occurredOn.getTime() - y.occurredOn.getTime() || x.stableKey.localeCompare(y.stableKey),
  );
  const c = sorted.filter((r) => r.churned).length / Math.max(1, sorted.length);
  const effective = assignmentFor(c, effectivePlay.churnRatio);
  const drawn: (PlannedCase & { churned: boolean })[] = [];
  for (const r of sorted) {
    for (const play of [effectivePlay, ineffectivePlay]) {
      if (!rng.chance(0.85)) continue;
      const alertAt = new Date(r.occurredOn.getTime() - rng.int(45, 120) * dayMs + 9 * 3_600_000);
      drawn.push({
        accountId: r.accountId,
        playId: play.playId,
        trigger: play.trigger,
        alertAt,
        ran: false,
        churned: r.churned,
      });
    }
  }
  // Who got the play is dealt, not flipped: exactly a share a of the churned cases and b of the
  // renewed ones ran it, so the history holds the stated effect itself, not only on average (with
  // coin flips, one seeding's 110 cases showed a third of the effect and an interval reaching 0).
  for (const play of [effectivePlay, ineffectivePlay]) {
    const share = play === effectivePlay ? effective : { a: 0.5, b: 0.5 };
    for (const churned of [true, false]) {
      const group = drawn.filter((d) => d.playId === play.playId && d.churned === churned);
      const runs = Math.round((churned ? share.a : share.b) * group.length);
      for (const d of shuffled(group, rng).slice(0, runs)) d.ran = true;
    }
  }
  return drawn.map(({ churned: _churned, ...planned }) => planned);
}

function shuffled<T>(items: readonly T[], rng: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
