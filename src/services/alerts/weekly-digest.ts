import { daysUntil, isoDay } from '../../core/lifecycle/calendar.js';
import { arrByBand } from '../../core/metrics/value-metrics.js';
import { roundTo } from '../../core/scoring/rounding.js';
import type { DigestFigures } from '../../replies/digest-reply.js';
import type { PrismaClient } from '../../db/client.js';
import { latestSnapshots } from '../../db/repositories/health-snapshots.js';
import { answerFeedbackSince } from '../chat/answer-feedback.js';
import { storedScore } from '../scoring/recompute-health.js';

export type { DigestFigures };

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** The week in numbers for a set of accounts (a manager's team, or everyone). */
export async function digestFigures(
  prisma: PrismaClient,
  options: { now: Date; ownerIds?: string[]; actionWindowHours: number },
): Promise<DigestFigures> {
  const { now } = options;
  const accounts = await prisma.account.findMany({
    where: { status: 'ACTIVE', ...(options.ownerIds ? { ownerId: { in: options.ownerIds } } : {}) },
    select: { id: true, name: true, arr: true, currency: true, renewalDate: true },
  });
  const ids = accounts.map((a) => a.id);
  const [current, weekAgo] = await Promise.all([
    latestSnapshots(prisma, ids, new Date(now.getTime() + 1)),
    latestSnapshots(prisma, ids, new Date(now.getTime() - 7 * dayMs + 1)),
  ]);
  const rows = accounts.map((a) => ({
    ...a,
    now: storedScore(current.get(a.id)?.explanation),
    before: storedScore(weekAgo.get(a.id)?.explanation),
  }));
  const atRisk = rows.filter((r) => r.now?.band.atRisk);
  const alerts = await prisma.alert.findMany({
    where: { accountId: { in: ids }, openedAt: { gt: new Date(now.getTime() - 7 * dayMs), lte: now } },
    select: { openedAt: true, acknowledgedAt: true, claimedAt: true },
  });
  const window = options.actionWindowHours * hourMs;
  const actedOn = alerts.filter((a) =>
    [a.acknowledgedAt, a.claimedAt].some((t) => t && t.getTime() - a.openedAt.getTime() <= window),
  ).length;
  return {
    accounts: accounts.length,
    atRisk: atRisk.length,
    atRiskWeekAgo: rows.filter((r) => r.before?.band.atRisk).length,
    arrAtRisk: Object.fromEntries(
      Object.entries(
        arrByBand(atRisk.map((r) => ({ arr: r.arr.toFixed(2), currency: r.currency, band: 'at risk' }))),
      ).map(([c, b]) => [c, b['at risk']!]),
    ),
    bandChanges: rows
      .filter((r) => r.now && r.before && r.now.band.key !== r.before.band.key)
      .map((r) => ({ name: r.name, from: r.before!.band.label, to: r.now!.band.label })),
    renewals: rows
      .filter((r) => r.renewalDate)
      .map((r) => ({
        name: r.name,
        date: isoDay(r.renewalDate!),
        days: daysUntil(isoDay(r.renewalDate!), now),
        atRisk: !!r.now?.band.atRisk,
      }))
      .filter((r) => r.days >= 0 && r.days <= 90)
      .sort((a, b) => a.days - b.days),
    movers: rows
      .filter((r) => r.now && r.before)
      .map((r) => ({
        name: r.name,
        from: r.before!.overall,
        to: r.now!.overall,
        delta: roundTo(r.now!.overall - r.before!.overall, 1),
      }))
      .filter((m) => m.delta !== 0)
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
      .slice(0, 5),
    openAlerts: await prisma.alert.count({
      where: { accountId: { in: ids }, state: { in: ['OPEN', 'ACKNOWLEDGED'] } },
    }),
    alertsLastWeek: alerts.length,
    actedOn,
    actionRatePct: alerts.length ? Math.round((actedOn / alerts.length) * 100) : null,
    answerFeedback: await answerFeedbackSince(prisma, new Date(options.now.getTime() - 7 * dayMs)),
  };
}
