import type { Play } from '../../core/plays/play-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { closeRun } from './close-play-run.js';
import { loadPlayCatalogue } from './play-catalogue.js';

const dayMs = 86_400_000;

/**
 * Closes open runs whose play's success criterion is met, with a note saying which: the alert that
 * started the run resolved (its signal cleared), the account's at-risk alert resolved with a score
 * since the run opened, or a renewal (or expansion) recorded after it opened. Within the play's days.
 */
export async function closeSucceededRuns(prisma: PrismaClient, now: Date): Promise<{ succeeded: number }> {
  const [runs, catalogue] = await Promise.all([
    prisma.playRun.findMany({
      where: { state: 'OPEN' },
      select: { id: true, accountId: true, playId: true, alertId: true, openedAt: true },
      take: 20_000,
    }),
    loadPlayCatalogue(prisma),
  ]);
  let succeeded = 0;
  for (const run of runs) {
    const play = catalogue.find(run.playId);
    if (!play) continue;
    const note = await successNote(prisma, play, run, now);
    if (note && (await closeRun(prisma, run.id, { state: 'SUCCEEDED', note, actorId: null }, now))) succeeded++;
  }
  return { succeeded };
}

async function successNote(
  prisma: PrismaClient,
  play: Play,
  run: { accountId: string; alertId: string | null; openedAt: Date },
  now: Date,
): Promise<string | undefined> {
  const success = play.success;
  if (success.kind === 'renewed') {
    const renewal = await prisma.renewalOutcome.findFirst({
      where: {
        accountId: run.accountId,
        occurredOn: { gte: run.openedAt, lte: now },
        kind: { in: ['RENEWED', 'EXPANDED'] },
      },
      select: { kind: true, occurredOn: true },
    });
    return renewal ? `${renewal.kind.toLowerCase()} on ${renewal.occurredOn.toISOString().slice(0, 10)}` : undefined;
  }
  const deadline = new Date(run.openedAt.getTime() + success.withinDays * dayMs);
  if (success.kind === 'signal_cleared') {
    if (!run.alertId) return undefined;
    const alert = await prisma.alert.findUnique({
      where: { id: run.alertId },
      select: { state: true, resolvedAt: true, title: true },
    });
    return alert?.state === 'RESOLVED' && alert.resolvedAt && alert.resolvedAt <= deadline
      ? `the signal cleared on ${alert.resolvedAt.toISOString().slice(0, 10)} (${alert.title})`
      : undefined;
  }
  const [open, latest] = await Promise.all([
    prisma.alert.count({ where: { accountId: run.accountId, kind: 'at_risk', state: { not: 'RESOLVED' } } }),
    prisma.healthSnapshot.findFirst({
      where: { accountId: run.accountId, computedAt: { gt: run.openedAt, lte: deadline } },
      orderBy: { computedAt: 'desc' },
      select: { overall: true, band: true, computedAt: true },
    }),
  ]);
  return !open && latest && latest.overall !== null
    ? `out of the at-risk bands: ${Math.round(latest.overall)} (${latest.band}) on ${latest.computedAt.toISOString().slice(0, 10)}`
    : undefined;
}
