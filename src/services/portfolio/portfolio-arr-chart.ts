import type { PrismaClient } from '../../db/client.js';
import type { ChartSpec } from '../../replies/reply.js';
import { insufficientBandKey } from '../../core/scoring/data-sufficiency.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';

/**
 * ARR by health band, week by week over the last `weeks`: each active account counted in the band of
 * its latest score at the end of that week. One currency (the book's most common), named in the title.
 */
export async function portfolioArrChart(
  prisma: PrismaClient,
  options: { now: Date; ownerId?: string; label: string },
  weeks = 26,
): Promise<ChartSpec | undefined> {
  const ownerId = options.ownerId ?? null;
  const currencies = await prisma.$queryRaw<{ currency: string; accounts: number }[]>`
    SELECT currency, count(*)::int AS accounts FROM "Account"
    WHERE status = 'ACTIVE' AND (${ownerId}::uuid IS NULL OR "ownerId" = ${ownerId}::uuid)
    GROUP BY currency ORDER BY count(*) DESC, currency`;
  const [currency, ...others] = currencies;
  if (!currency) return undefined;
  // Amounts in other currencies are not converted (Tend keeps no exchange rates): the chart says so.
  const leftOut = others.reduce((n, c) => n + c.accounts, 0);
  const leftOutText = leftOut ? `; ${leftOut} account(s) in ${others.map((c) => c.currency).join(', ')} not shown` : '';
  const rows = await prisma.$queryRaw<{ w: number; band: string; modelId: string; arr: number }[]>`
    SELECT e.w, s.band, s."modelId", sum(a.arr)::float8 AS arr
    FROM (SELECT w, ${options.now}::timestamptz - make_interval(weeks => w) AS at FROM generate_series(0, ${weeks - 1}::int) AS w) e
    CROSS JOIN "Account" a
    JOIN LATERAL (SELECT band, "modelId" FROM "HealthSnapshot" h
                  WHERE h."accountId" = a.id AND h."computedAt" <= e.at ORDER BY h."computedAt" DESC, h."recordedAt" DESC LIMIT 1) s ON true
    WHERE a.status = 'ACTIVE' AND a.currency = ${currency.currency}
      AND (${ownerId}::uuid IS NULL OR a."ownerId" = ${ownerId}::uuid)
    GROUP BY e.w, s.band, s."modelId"`;
  const scored = new Set(rows.map((r) => r.w));
  if (scored.size < 2) return undefined;
  const catalogue = await loadPresetCatalogue(prisma);
  const bandOf = (modelId: string, band: string) =>
    [...catalogue.presets.values()].find((p) => p.model?.id === modelId)?.model?.bands.find((b) => b.key === band);
  const labelOf = (modelId: string, band: string) =>
    band === insufficientBandKey ? 'Not enough data' : (bandOf(modelId, band)?.label ?? band);
  // Bands in their order (lowest first), each line in its band's colour.
  const order = new Map<string, { min: number; colour: string }>();
  for (const r of rows) {
    const b = bandOf(r.modelId, r.band);
    order.set(labelOf(r.modelId, r.band), { min: b?.min ?? 0, colour: b?.colour ?? '#6b7280' });
  }
  const weekIndex = Array.from({ length: weeks }, (_, i) => weeks - 1 - i).filter((w) => scored.has(w));
  const days = weekIndex.map((w) => new Date(options.now.getTime() - w * 7 * 86_400_000).toISOString().slice(0, 10));
  const labels = [...order.keys()].sort((a, b) => order.get(a)!.min - order.get(b)!.min || a.localeCompare(b));
  const series = labels.map((label) => ({
    key: label,
    label,
    emphasis: true,
    colour: order.get(label)!.colour,
    values: weekIndex.map((w) =>
      Math.round(rows.filter((r) => r.w === w && labelOf(r.modelId, r.band) === label).reduce((s, r) => s + r.arr, 0)),
    ),
  }));
  const latest = series.map((s) => `${s.label} ${s.values.at(-1)!.toLocaleString('en')}`).join(', ');
  const earliest = series.map((s) => `${s.label} ${s.values[0]!.toLocaleString('en')}`).join(', ');
  return {
    kind: 'portfolio_arr',
    title: `ARR by health band (${currency.currency}${leftOutText}): ${options.label}`,
    yRange: { min: 0 },
    days,
    series,
    bands: [],
    markers: [],
    altText: `ARR in ${currency.currency} by health band for ${options.label}, ${days.length} weeks: on ${days[0]} ${earliest}; on ${days.at(-1)} ${latest}.${leftOut ? ` ${leftOut} account(s) in ${others.map((c) => c.currency).join(', ')} are not shown.` : ''}`,
  };
}
