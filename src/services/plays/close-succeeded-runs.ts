import type { Play } from '../../core/plays/play-schema.js';
import type { PrismaClient } from '../../db/client.js';
import { closeRun } from './close-play-run.js';
import { loadPlayCatalogue } from './play-catalogue.js';

const dayMs = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

interface OpenRun {
  id: string;
  accountId: string;
  playId: string;
  alertId: string | null;
  openedAt: Date;
}

/**
 * Closes open runs whose play's success criterion is met, with a note saying which: the alert that
 * started the run resolved (its signal cleared), the account out of the at-risk bands (no open
 * at-risk alert, scored since the run opened), or a renewal (or expansion) recorded after it opened.
 * Within the play's days. Four reads for all open runs, however many there are.
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
  const withPlay = runs.flatMap((run) => {
    const play = catalogue.find(run.playId);
    return play ? [{ run, play }] : [];
  });
  const by = (kind: Play['success']['kind']) => withPlay.filter((r) => r.play.success.kind === kind);
  const notes = new Map<string, string>([
    ...(await renewedNotes(prisma, by('renewed'), now)),
    ...(await clearedNotes(prisma, by('signal_cleared'))),
    ...(await notAtRiskNotes(prisma, by('not_at_risk'))),
  ]);
  let succeeded = 0;
  for (const [runId, note] of notes)
    if (await closeRun(prisma, runId, { state: 'SUCCEEDED', note, actorId: null }, now)) succeeded++;
  return { succeeded };
}

type RunWithPlay = { run: OpenRun; play: Play };
const deadlineOf = ({ run, play }: RunWithPlay) =>
  new Date(run.openedAt.getTime() + ('withinDays' in play.success ? play.success.withinDays : 0) * dayMs);

async function renewedNotes(prisma: PrismaClient, runs: RunWithPlay[], now: Date): Promise<[string, string][]> {
  if (!runs.length) return [];
  const since = new Date(Math.min(...runs.map((r) => r.run.openedAt.getTime())));
  const outcomes = await prisma.renewalOutcome.findMany({
    where: {
      accountId: { in: [...new Set(runs.map((r) => r.run.accountId))] },
      occurredOn: { gte: since, lte: now },
      kind: { in: ['RENEWED', 'EXPANDED'] },
    },
    select: { accountId: true, kind: true, occurredOn: true },
    orderBy: { occurredOn: 'asc' },
  });
  return runs.flatMap(({ run }) => {
    const o = outcomes.find((x) => x.accountId === run.accountId && x.occurredOn >= run.openedAt);
    return o ? [[run.id, `${o.kind.toLowerCase()} on ${day(o.occurredOn)}`] as [string, string]] : [];
  });
}

async function clearedNotes(prisma: PrismaClient, runs: RunWithPlay[]): Promise<[string, string][]> {
  const started = runs.filter((r) => r.run.alertId);
  if (!started.length) return [];
  const alerts = await prisma.alert.findMany({
    where: { id: { in: started.map((r) => r.run.alertId!) }, state: 'RESOLVED' },
    select: { id: true, resolvedAt: true, title: true },
  });
  const byId = new Map(alerts.map((a) => [a.id, a]));
  return started.flatMap((r) => {
    const alert = byId.get(r.run.alertId!);
    return alert?.resolvedAt && alert.resolvedAt <= deadlineOf(r)
      ? [[r.run.id, `the signal cleared on ${day(alert.resolvedAt)} (${alert.title})`] as [string, string]]
      : [];
  });
}

async function notAtRiskNotes(prisma: PrismaClient, runs: RunWithPlay[]): Promise<[string, string][]> {
  if (!runs.length) return [];
  const accountIds = [...new Set(runs.map((r) => r.run.accountId))];
  const [atRisk, latest] = await Promise.all([
    prisma.alert.findMany({
      where: { accountId: { in: accountIds }, kind: 'at_risk', state: { not: 'RESOLVED' } },
      select: { accountId: true },
      distinct: ['accountId'],
    }),
    // Each run's latest score between its opening and its deadline, in one statement.
    prisma.$queryRaw<{ runId: string; overall: number | null; band: string; computedAt: Date }[]>`
      SELECT r.id AS "runId", s.overall, s.band, s."computedAt"
      FROM unnest(${runs.map((r) => r.run.id)}::uuid[], ${runs.map((r) => r.run.accountId)}::uuid[],
                  ${runs.map((r) => r.run.openedAt)}::timestamptz[], ${runs.map(deadlineOf)}::timestamptz[])
        AS r(id, "accountId", "openedAt", deadline)
      CROSS JOIN LATERAL (
        SELECT h.overall, h.band, h."computedAt" FROM "HealthSnapshot" h
        WHERE h."accountId" = r."accountId" AND h."computedAt" > r."openedAt" AND h."computedAt" <= r.deadline
        ORDER BY h."computedAt" DESC LIMIT 1
      ) s`,
  ]);
  const risky = new Set(atRisk.map((a) => a.accountId));
  const accountOf = new Map(runs.map((r) => [r.run.id, r.run.accountId]));
  return latest.flatMap((s) =>
    !risky.has(accountOf.get(s.runId)!) && s.overall !== null
      ? [
          [s.runId, `out of the at-risk bands: ${Math.round(s.overall)} (${s.band}) on ${day(s.computedAt)}`] as [
            string,
            string,
          ],
        ]
      : [],
  );
}
