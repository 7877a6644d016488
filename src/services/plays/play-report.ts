import { groupBy } from '../../core/collections/group-by.js';
import { playEffects, type CaseArm, type PlayCase, type PlayEffect } from '../../core/plays/play-effect.js';
import { alertThemes, playsForAlert } from '../../core/plays/plays-for-alert.js';
import type { PrismaClient } from '../../db/client.js';
import { scoresNear, type ScoreProbe } from '../../db/repositories/health-snapshots.js';
import { loadPlayCatalogue } from './play-catalogue.js';

const dayMs = 86_400_000;
/** A run opened this long after its alert still belongs to that alert's case. */
const runWindowMs = 14 * dayMs;
/** A renewal this long after the alert is its outcome; later ones belong to another case. */
const outcomeWindowMs = 400 * dayMs;

export interface PlayReport {
  asOf: string;
  minimum: number;
  plays: (PlayEffect & { name: string; randomised: boolean })[];
  /** Cases left out because their run is still open. */
  inProgress: number;
}

/**
 * Every alert that names a play is a case: completed when a run of that play on the account opened
 * within 14 days of it and finished, abandoned or not run otherwise; runs still open are left out.
 * Its outcome is the next renewal (within 400 days) and the health change 30 / 60 / 90 days on.
 */
export async function playReport(prisma: PrismaClient, now: Date, minimum = 10): Promise<PlayReport> {
  const catalogue = await loadPlayCatalogue(prisma);
  const [signalled, surveyed] = await Promise.all([
    prisma.alert.findMany({
      where: {
        OR: [{ kind: { startsWith: 'signal:' } }, { kind: 'at_risk' }, { kind: { startsWith: 'renewal:' } }],
        openedAt: { lte: now },
      },
      select: { accountId: true, kind: true, openedAt: true },
    }),
    // Survey alerts name plays through the themes of the client's comment, kept in their evidence.
    prisma.alert.findMany({
      where: { kind: { startsWith: 'survey:' }, openedAt: { lte: now } },
      select: { accountId: true, kind: true, openedAt: true, evidence: true },
    }),
  ]);
  const alerts = [
    ...signalled.map((a) => ({ ...a, themes: [] as string[] })),
    ...surveyed.map(({ evidence, ...a }) => ({ ...a, themes: alertThemes(evidence) })),
  ];
  const accountIds = [...new Set(alerts.map((a) => a.accountId))];
  const [runs, outcomes] = await Promise.all([
    prisma.playRun.findMany({
      where: { accountId: { in: accountIds } },
      select: { accountId: true, playId: true, state: true, openedAt: true, holdout: true },
    }),
    prisma.renewalOutcome.findMany({
      where: { accountId: { in: accountIds }, occurredOn: { lte: now } },
      select: { accountId: true, occurredOn: true, kind: true },
      orderBy: { occurredOn: 'asc' },
    }),
  ]);
  const runsOf = groupBy(runs, (r) => r.accountId);
  const outcomesOf = groupBy(outcomes, (o) => o.accountId);
  // Health at the alert and 30 / 60 / 90 days on (those already past): the nearest snapshot within a
  // week of each, read together once the cases are known.
  const probes: ScoreProbe[] = [];
  const probe = (accountId: string, at: number) => probes.push({ accountId, at: new Date(at) }) - 1;
  const pending: { case: PlayCase; base: number; later: Record<'d30' | 'd60' | 'd90', number | null> }[] = [];
  const cases: PlayCase[] = [];
  let inProgress = 0;
  for (const alert of alerts) {
    const t = alert.openedAt.getTime();
    for (const { play } of playsForAlert(alert.kind, catalogue.plays, alert.themes)) {
      const run = (runsOf.get(alert.accountId) ?? []).find(
        (r) => r.playId === play.id && r.openedAt.getTime() >= t - dayMs && r.openedAt.getTime() <= t + runWindowMs,
      );
      if (run?.state === 'OPEN') {
        inProgress++;
        continue;
      }
      const arm: CaseArm = !run ? 'not_run' : run.state === 'ABANDONED' ? 'abandoned' : 'completed';
      const outcome = (outcomesOf.get(alert.accountId) ?? []).find(
        (o) => o.occurredOn.getTime() > t && o.occurredOn.getTime() <= t + outcomeWindowMs,
      );
      const later = (days: number) =>
        t + days * dayMs <= now.getTime() ? probe(alert.accountId, t + days * dayMs) : null;
      const playCase: PlayCase = {
        playId: play.id,
        arm,
        ...(run ? { heldOut: run.holdout } : {}),
        churned: outcome ? outcome.kind === 'CHURNED' : null,
        healthChange: { d30: null, d60: null, d90: null },
      };
      cases.push(playCase);
      pending.push({
        case: playCase,
        base: probe(alert.accountId, t),
        later: { d30: later(30), d60: later(60), d90: later(90) },
      });
    }
  }
  const scores = await scoresNear(prisma, probes, 7, now);
  for (const p of pending) {
    const base = scores[p.base] ?? null;
    for (const key of ['d30', 'd60', 'd90'] as const) {
      const at = p.later[key];
      const later = at === null ? null : (scores[at] ?? null);
      p.case.healthChange[key] = base !== null && later !== null ? later - base : null;
    }
  }
  return {
    asOf: now.toISOString(),
    minimum,
    inProgress,
    plays: playEffects(cases, minimum)
      .map((e) => {
        const play = catalogue.find(e.playId);
        return { ...e, name: play?.name ?? e.playId, randomised: (play?.holdoutPercent ?? 0) > 0 };
      })
      .sort((a, b) => b.cases - a.cases),
  };
}
