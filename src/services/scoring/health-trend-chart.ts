import type { PrismaClient } from '../../db/client.js';
import type { ChartSpec } from '../../replies/reply.js';
import { loadPresetCatalogue } from './preset-catalogue.js';

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const round1 = (v: number) => Math.round(v * 10) / 10;
const roundOrNone = (v: number | null) => (v === null ? 'no data' : String(round1(v)));
const isoWeek = (d: Date) => Math.floor((d.getTime() / dayMs + 3) / 7);

/**
 * An account's health over the last `days` (the last snapshot of each week): the overall score and
 * each dimension, the model's bands behind them, and the days alerts opened. Undefined with fewer
 * than two weeks scored.
 */
export async function healthTrendChart(
  prisma: PrismaClient,
  account: { id: string; name: string },
  now: Date,
  days = 182,
): Promise<ChartSpec | undefined> {
  const since = new Date(now.getTime() - days * dayMs);
  const [snapshots, alerts, catalogue] = await Promise.all([
    prisma.healthSnapshot.findMany({
      // Weeks without enough data to score are gaps in the line, not points at zero.
      where: { accountId: account.id, computedAt: { gte: since, lte: now }, overall: { not: null } },
      orderBy: { computedAt: 'asc' },
      select: { computedAt: true, overall: true, dimensions: true, modelId: true },
    }),
    prisma.alert.findMany({
      where: { accountId: account.id, openedAt: { gte: since, lte: now } },
      orderBy: { openedAt: 'asc' },
      select: { openedAt: true, title: true },
    }),
    loadPresetCatalogue(prisma),
  ]);
  const weekly = new Map<number, (typeof snapshots)[number]>();
  for (const s of snapshots) weekly.set(isoWeek(s.computedAt), s);
  const points = [...weekly.values()];
  if (points.length < 2) return undefined;
  const model = [...catalogue.presets.values()].find((p) => p.model?.id === points.at(-1)!.modelId)?.model;
  const dims = model?.dimensions ?? [];
  const dimension = (s: (typeof points)[number], key: string) =>
    (s.dimensions as Record<string, { score: number | null } | undefined>)[key]?.score ?? null;
  const dayOfPoint = points.map((p) => isoDay(p.computedAt));
  // An alert is marked on the week it opened.
  const markers = alerts.flatMap((a) => {
    const week = isoWeek(a.openedAt);
    const i = points.findIndex((p) => isoWeek(p.computedAt) === week);
    return i >= 0 ? [{ day: dayOfPoint[i]!, label: a.title }] : [];
  });
  const overall = points.map((p) => round1(p.overall!));
  const first = overall[0]!;
  const last = overall.at(-1)!;
  const low = Math.min(...overall);
  return {
    kind: 'health_trend',
    // The span the points really cover, not the window asked for: a gap in scoring shows.
    title: `${account.name}: health, ${dayOfPoint[0]} to ${dayOfPoint.at(-1)} (${points.length} weekly scores)`,
    asOf: isoDay(now),
    days: dayOfPoint,
    series: [
      { key: 'overall', label: 'Overall', values: overall, emphasis: true },
      ...dims.map((d) => ({
        key: d.key,
        label: d.label,
        values: points.map((p) => {
          const v = dimension(p, d.key);
          return v === null ? null : round1(v);
        }),
      })),
    ],
    bands: (model?.bands ?? []).map((b) => ({ label: b.label, min: b.min, max: b.max, colour: b.colour })),
    markers,
    altText:
      `${account.name}'s health score went from ${first} on ${dayOfPoint[0]} to ${last} on ${dayOfPoint.at(-1)}` +
      ` (lowest ${low}), ${points.length} weekly scores` +
      (dims.length
        ? `; now ${dims.map((d) => `${d.label.toLowerCase()} ${roundOrNone(dimension(points.at(-1)!, d.key))}`).join(', ')}`
        : '') +
      (markers.length ? `; ${markers.length} alert(s) opened, the last on ${markers.at(-1)!.day}` : '') +
      '.',
  };
}
