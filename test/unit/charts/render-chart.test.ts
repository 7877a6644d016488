import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  chartColours,
  chartSize,
  gapThreshold,
  renderChart,
  renderChartPng,
  withBreaks,
} from '../../../src/charts/render-chart.js';
import { sparkline } from '../../../src/charts/sparkline.js';
import { projectRoot } from '../../../src/paths.js';
import type { ChartSpec } from '../../../src/replies/reply.js';

const days = Array.from({ length: 26 }, (_, i) =>
  new Date(Date.UTC(2026, 5, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10),
);
const spec: ChartSpec = {
  kind: 'health_trend',
  title: 'Globex Industries: health, 2026-06-01 to 2026-11-23 (26 weekly scores)',
  asOf: '2026-11-25',
  days,
  series: [
    {
      key: 'overall',
      label: 'Overall',
      values: days.map((_, i) => Math.round((78 - i * 1.2) * 10) / 10),
      emphasis: true,
    },
    { key: 'usage', label: 'Product usage', values: days.map((_, i) => 85 - i * 2) },
    { key: 'support', label: 'Support', values: days.map((_, i) => (i === 4 ? null : 70 + (i % 5))) },
  ],
  bands: [
    { label: 'Urgent', min: 0, max: 40, colour: '#c4463b' },
    { label: 'Critical', min: 40, max: 60, colour: '#e07b39' },
    { label: 'At Risk', min: 60, max: 80, colour: '#e0b339' },
    { label: 'Healthy', min: 80, max: 100, colour: '#2eb67d' },
  ],
  markers: [{ day: days[15]!, label: 'Globex Industries dropped to At Risk' }],
  altText: 'Globex Industries went from 78 to 48 over 26 weeks.',
};

const size = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** Share of pixels that differ by more than a little in any channel. */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([loadImage(a), loadImage(b)]);
  const read = (img: typeof x) => {
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height).data;
  };
  const p = read(x);
  const q = read(y);
  if (p.length !== q.length) return 1;
  let differing = 0;
  for (let i = 0; i < p.length; i += 4)
    if (Math.abs(p[i]! - q[i]!) > 24 || Math.abs(p[i + 1]! - q[i + 1]!) > 24 || Math.abs(p[i + 2]! - q[i + 2]!) > 24)
      differing++;
  return differing / (p.length / 4);
}

describe('charts drawn on the server', () => {
  it('draws a PNG of the expected size, the same every time', () => {
    const png = renderChartPng(spec);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(size(png)).toEqual(chartSize);
    expect(renderChartPng(spec).equals(png)).toBe(true);
  });

  it('matches the reviewed picture, within a small tolerance', async () => {
    const golden = join(projectRoot, 'test/fixtures/health-trend.golden.png');
    const png = renderChartPng(spec);
    // After a deliberate change to the charts: TEND_UPDATE_GOLDEN=1, look at the new picture, commit it.
    if (process.env.TEND_UPDATE_GOLDEN === '1' || !existsSync(golden)) {
      writeFileSync(golden, png);
      if (process.env.TEND_UPDATE_GOLDEN !== '1') throw new Error(`wrote ${golden}: look at it, then commit it`);
    }
    expect(await difference(png, readFileSync(golden))).toBeLessThan(0.01);
    // And a different chart is not "the same": the comparison can fail.
    const other = renderChartPng({
      ...spec,
      series: spec.series.map((s) => ({ ...s, values: s.values.map((v) => (v === null ? v : 100 - v)) })),
    });
    expect(await difference(other, readFileSync(golden))).toBeGreaterThan(0.01);
  });

  it('draws on an opaque white background with text that passes WCAG AA, for light and dark themes', async () => {
    for (const image of [renderChartPng(spec), renderChart(spec, 'jpeg', { width: 560, height: 280 })]) {
      const picture = await loadImage(image);
      const canvas = createCanvas(picture.width, picture.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(picture, 0, 0);
      const pixels = ctx.getImageData(0, 0, picture.width, picture.height).data;
      let transparent = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! < 255) transparent++;
      expect(transparent).toBe(0);
      // The corners are the background: white, not black.
      expect([...pixels.subarray(0, 3)].every((c) => c > 245)).toBe(true);
    }
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (luminance(chartColours.background) + 0.05) / (luminance(chartColours.text) + 0.05);
    expect(contrast).toBeGreaterThanOrEqual(4.5);
  });

  it('fits a small JPEG for Teams cards', () => {
    const jpeg = renderChart(spec, 'jpeg', { width: 560, height: 280 });
    expect(jpeg[0]).toBe(0xff);
    expect(jpeg[1]).toBe(0xd8);
    expect(jpeg.length).toBeLessThan(18_000);
  });

  it('prints a sparkline of the overall score for terminals', () => {
    expect(sparkline(spec)).toMatch(/^78 [▁▂▃▄▅▆▇█]{26} 48$/);
  });
});

describe('gaps in a time series', () => {
  it('break the line where points lie more than twice the usual step apart', () => {
    // Weekly points, then four months without a score, then weekly again.
    const xs = [0, 7, 14, 21, 140, 147, 154];
    const gap = gapThreshold(xs);
    expect(gap).toBe(14);
    const points = withBreaks(
      xs.map((x) => ({ x, y: 50 })),
      gap,
    );
    expect(points.filter((p) => p.y === null)).toEqual([{ x: 80.5, y: null }]);
    expect(points).toHaveLength(8);
    // A steady weekly series is drawn unbroken.
    expect(
      withBreaks(
        [0, 7, 14].map((x) => ({ x, y: 1 })),
        gapThreshold([0, 7, 14]),
      ),
    ).toHaveLength(3);
  });
});
