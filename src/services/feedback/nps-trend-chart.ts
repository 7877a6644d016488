import { accountWhere } from './feedback-scope.js';
import type { PrismaClient } from '../../db/client.js';
import type { ChartSpec } from '../../replies/reply.js';

/**
 * NPS month by month over the last year for an account, a segment or everyone: promoters (9-10)
 * minus detractors (0-6), in percent of the month's answers. Undefined with fewer than two months
 * answered.
 */
export async function npsTrendChart(
  prisma: PrismaClient,
  scope: { label: string; accountId?: string; segment?: string; region?: string },
  now: Date,
  months = 12,
): Promise<ChartSpec | undefined> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const rows = await prisma.feedbackItem.findMany({
    where: {
      surveyType: 'nps',
      score: { not: null },
      receivedAt: { gte: start, lte: now },
      ...(scope.accountId ? { accountId: scope.accountId } : {}),
      ...accountWhere(scope),
    },
    select: { score: true, receivedAt: true },
  });
  const keys = Array.from({ length: months }, (_, i) =>
    new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1)).toISOString().slice(0, 7),
  );
  const byMonth = new Map<string, number[]>(keys.map((k) => [k, []]));
  for (const r of rows) byMonth.get(r.receivedAt.toISOString().slice(0, 7))?.push(r.score!);
  const values = keys.map((k) => {
    const scores = byMonth.get(k)!;
    if (!scores.length) return null;
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    return Math.round(((promoters - detractors) / scores.length) * 100);
  });
  const answered = keys.flatMap((k, i) =>
    values[i] === null ? [] : [{ month: k, nps: values[i]!, n: byMonth.get(k)!.length }],
  );
  if (answered.length < 2) return undefined;
  const first = answered[0]!;
  const last = answered.at(-1)!;
  return {
    kind: 'nps_trend',
    title: `NPS by month: ${scope.label}, ${keys[0]} to ${keys.at(-1)}`,
    yRange: { min: -100, max: 100 },
    asOf: now.toISOString().slice(0, 10),
    days: keys.map((k) => `${k}-01`),
    series: [{ key: 'nps', label: 'NPS', values, emphasis: true }],
    bands: [],
    markers: [],
    altText:
      `NPS for ${scope.label} went from ${first.nps} in ${first.month} (${first.n} answers) to ${last.nps} in ${last.month} ` +
      `(${last.n} answers); ${answered.length} of the last ${months} months had answers` +
      `, lowest ${Math.min(...answered.map((a) => a.nps))}, highest ${Math.max(...answered.map((a) => a.nps))}.`,
  };
}
