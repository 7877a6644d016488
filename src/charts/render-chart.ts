import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
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
      ctx.fillStyle = `${band.colour}cc`;
      ctx.font = '10px "DejaVu Sans"';
      ctx.fillText(band.label, chartArea.left + 4, top + 12);
      ctx.restore();
    }
  },
});

/** A chart as a PNG (or a JPEG, small enough to travel inside a Teams card). Deterministic. */
export function renderChart(
  spec: ChartSpec,
  format: 'png' | 'jpeg' = 'png',
  size: { width: number; height: number } = chartSize,
): Buffer {
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  const markerDays = new Set(spec.markers.map((m) => m.day));
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      // Monthly charts are labelled by month, weekly ones by day.
      labels: spec.days.map((d) => (spec.days.every((x) => x.endsWith('-01')) ? d.slice(0, 7) : d.slice(5))),
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderColor: s.colour ?? palette[i % palette.length],
        backgroundColor: s.colour ?? palette[i % palette.length],
        borderWidth: s.emphasis ? 3 : 1.5,
        borderDash: s.emphasis ? [] : [4, 3],
        spanGaps: true,
        tension: 0.2,
        // Alert days show as large red points on the overall line.
        pointRadius: s.emphasis ? spec.days.map((d) => (markerDays.has(d) ? 6 : 0)) : 0,
        pointBackgroundColor: s.emphasis ? '#c4463b' : (s.colour ?? palette[i % palette.length]),
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
        x: { ticks: { maxTicksLimit: 10, font: { size: 10 } } },
      },
    },
    plugins: [bandShading(spec.bands)],
  };
  // Chart.js takes the canvas context; Skia's canvas speaks the same API.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
  const image = format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', 70);
  chart.destroy();
  return image;
}

export const renderChartPng = (spec: ChartSpec): Buffer => renderChart(spec, 'png');
