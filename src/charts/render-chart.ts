import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin, type ScriptableContext } from 'chart.js';
import type { ChartSpec } from '../replies/reply.js';

// Charts drawn on the server, without a browser: Chart.js on a Skia canvas, with the DejaVu fonts
// from the npm registry, so every machine draws the same picture.

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
GlobalFonts.registerFromPath(join(fontDir, 'DejaVuSans.ttf'), 'DejaVu Sans');
GlobalFonts.registerFromPath(join(fontDir, 'DejaVuSans-Bold.ttf'), 'DejaVu Sans');
Chart.register(...registerables);
Chart.defaults.font.family = 'DejaVu Sans';
Chart.defaults.animation = false;

export const chartSize = { width: 720, height: 360 } as const;

/**
 * Charts are drawn on an opaque white card with dark text, so they read the same in Slack and Teams,
 * light and dark: a transparent PNG shows dark text on a dark theme, and a JPEG has no alpha at all
 * (its transparent pixels turn black). Text colours pass WCAG AA (4.5:1) on the white.
 */
export const chartColours = { background: '#ffffff', text: '#1f2937', grid: '#d1d5db' } as const;
Chart.defaults.color = chartColours.text;
Chart.defaults.borderColor = chartColours.grid;

/** Paints the background before Chart.js draws: it clears the canvas first, so a fill made earlier is lost. */
const opaqueBackground: Plugin<'line'> = {
  id: 'opaqueBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = chartColours.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

const palette = ['#1f5f4a', '#3b82c4', '#c47f1a', '#8e4fb0', '#c4463b', '#4a9b8e', '#6b7280'];

/** Bands as translucent stripes behind the chart area. */
const bandShading = (bands: ChartSpec['bands']): Plugin<'line'> => ({
  id: 'bands',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    const y = scales.y!;
    for (const band of bands) {
      const top = y.getPixelForValue(Math.min(band.max, 100));
      const bottom = y.getPixelForValue(Math.max(band.min, 0));
      ctx.save();
      ctx.fillStyle = `${band.colour}22`;
      ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      // The label in the text colour: a band's own colour (yellow, say) fails contrast on white.
      ctx.fillStyle = chartColours.text;
      ctx.font = '10px "DejaVu Sans"';
      ctx.fillText(band.label, chartArea.left + 4, top + 12);
      ctx.restore();
    }
  },
});

const dayMs = 86_400_000;
const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / dayMs;
const isoOf = (day: number) => new Date(Math.round(day) * dayMs).toISOString().slice(0, 10);

/** A dashed vertical line at the answer's day, labelled "today". */
const todayLine = (asOf: string | undefined): Plugin<'line'> => ({
  id: 'today',
  afterDatasetsDraw(chart) {
    if (!asOf) return;
    const { ctx, chartArea, scales } = chart;
    const x = scales.x!.getPixelForValue(dayNumber(asOf));
    if (x < chartArea.left - 1 || x > chartArea.right + 1) return;
    ctx.save();
    ctx.strokeStyle = chartColours.text;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, chartArea.top);
    ctx.lineTo(x, chartArea.bottom);
    ctx.stroke();
    ctx.fillStyle = chartColours.text;
    ctx.font = '10px "DejaVu Sans"';
    ctx.textAlign = 'right';
    ctx.fillText('today', x - 3, chartArea.top + 10);
    ctx.restore();
  },
});

/** Low enough that a chart inside a Teams card leaves room for the answer under Teams' 28 KB; lines stay legible. */
const jpegQuality = 40;

/**
 * A chart as a PNG (or a JPEG, small enough to travel inside a Teams card). Deterministic. */
/**
 * Days between two points beyond which the line breaks: more than twice the usual step (and more than
 * a week), so weeks without a score read as a gap, not as a slope drawn across them.
 */
export function gapThreshold(xs: readonly number[]): number {
  const steps = xs
    .slice(1)
    .map((x, i) => x - xs[i]!)
    .sort((a, b) => a - b);
  if (!steps.length) return Infinity;
  const median = steps[Math.floor(steps.length / 2)]!;
  return Math.max(2 * median, 8);
}

/** The points with a null between two that lie further apart than `gap` days (Chart.js breaks the line there). */
export function withBreaks(points: { x: number; y: number | null }[], gap: number): { x: number; y: number | null }[] {
  const out: { x: number; y: number | null }[] = [];
  for (const [j, p] of points.entries()) {
    const prev = points[j - 1];
    if (prev && p.x - prev.x > gap) out.push({ x: (p.x + prev.x) / 2, y: null });
    out.push(p);
  }
  return out;
}

export function renderChart(
  spec: ChartSpec,
  format: 'png' | 'jpeg' = 'png',
  size: { width: number; height: number } = chartSize,
): Buffer {
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  const markerXs = new Set(spec.markers.map((m) => dayNumber(m.day)));
  // A time axis: points sit at their dates, so a four-month gap looks like four months, not a week.
  const monthly = spec.days.every((x) => x.endsWith('-01'));
  const xs = spec.days.map(dayNumber);
  const last = Math.max(...xs, spec.asOf ? dayNumber(spec.asOf) : -Infinity);
  const gapAfter = gapThreshold(xs);
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: withBreaks(
          s.values.map((y, j) => ({ x: xs[j]!, y })),
          gapAfter,
        ),
        borderColor: s.colour ?? palette[i % palette.length],
        backgroundColor: s.colour ?? palette[i % palette.length],
        borderWidth: s.emphasis ? 3 : 1.5,
        borderDash: s.emphasis ? [] : [4, 3],
        // A missing value is a gap, never a line drawn across it; every real value is a point.
        spanGaps: false,
        tension: 0,
        // Alert days show as large red points on the overall line.
        // Read from each point's own date: the breaks inserted above shift the indices.
        pointRadius: (c: ScriptableContext<'line'>) => {
          const x = (c.raw as { x: number }).x;
          return s.emphasis && markerXs.has(x) ? 6 : s.emphasis ? 3 : 2;
        },
        pointBackgroundColor: (c: ScriptableContext<'line'>) =>
          s.emphasis && markerXs.has((c.raw as { x: number }).x)
            ? '#c4463b'
            : (s.colour ?? palette[i % palette.length]!),
      })),
    },
    options: {
      responsive: false,
      animation: false,
      plugins: {
        title: { display: true, text: spec.title, font: { size: 14, weight: 'bold' } },
        legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 10 } } },
      },
      scales: {
        y: {
          min: spec.yRange?.min ?? 0,
          ...(spec.yRange ? (spec.yRange.max === undefined ? {} : { max: spec.yRange.max }) : { max: 100 }),
          ticks: { maxTicksLimit: 6 },
        },
        x: {
          type: 'linear',
          min: Math.min(...xs),
          max: last,
          ticks: {
            maxTicksLimit: 8,
            font: { size: 10 },
            // Monthly charts are labelled by month, weekly ones by day.
            callback: (value) => (monthly ? isoOf(Number(value)).slice(0, 7) : isoOf(Number(value)).slice(5)),
          },
        },
      },
    },
    plugins: [opaqueBackground, bandShading(spec.bands), todayLine(spec.asOf)],
  };
  // Chart.js takes the canvas context; Skia's canvas speaks the same API.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
  const image = format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', jpegQuality);
  chart.destroy();
  return image;
}

export const renderChartPng = (spec: ChartSpec): Buffer => renderChart(spec, 'png');
