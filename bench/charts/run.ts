// Charts and streamed answers, offline. Targets: chart render p50 < 150 ms, p99 < 400 ms for 24
// months of weekly data; time to the first streamed text of a feedback summary < 1 s (PGlite, demo).
//   npm run bench:charts
import { renderChartPng } from '../../src/charts/render-chart.js';
import { startTurn } from '../../src/conversation/handle-message.js';
import { replyMarkdownParts } from '../../src/replies/reply-markdown.js';
import type { ChartSpec } from '../../src/replies/reply.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { createTestDatabase } from '../../test/support/test-database.js';

const weeks = 104;
const days = Array.from({ length: weeks }, (_, i) =>
  new Date(Date.UTC(2024, 11, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10),
);
const wave = (i: number, base: number, amp: number) => Math.round((base + amp * Math.sin(i / 7) - i * 0.15) * 10) / 10;
const spec: ChartSpec = {
  kind: 'health_trend',
  title: 'Bench Account: health, last 104 weeks',
  days,
  series: [
    { key: 'overall', label: 'Overall', values: days.map((_, i) => wave(i, 75, 8)), emphasis: true },
    ...['usage', 'business_value', 'support', 'relationship', 'expansion'].map((key, k) => ({
      key,
      label: key,
      values: days.map((_, i) => wave(i + k * 5, 70, 15)),
    })),
  ],
  bands: [
    { label: 'Urgent', min: 0, max: 40, colour: '#c4463b' },
    { label: 'Critical', min: 40, max: 60, colour: '#e07b39' },
    { label: 'At Risk', min: 60, max: 80, colour: '#e0b339' },
    { label: 'Healthy', min: 80, max: 100, colour: '#2eb67d' },
  ],
  markers: days.filter((_, i) => i % 13 === 0).map((day) => ({ day, label: 'alert' })),
  altText: 'bench',
};

renderChartPng(spec); // warm-up: fonts and the chart library load once
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  renderChartPng(spec);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(0);
console.log(`chart render, ${weeks} weeks x 6 series: p50 ${pct(50)} ms, p99 ${pct(99)} ms (targets < 150 / < 400 ms)`);

const db = await createTestDatabase('pglite');
try {
  const today = new Date();
  await seedDemoPortfolio(db.prisma, { seed: 42, today, accounts: 60, historyWeeks: 1, outcomeHistory: false });
  const deps = { prisma: db.prisma, now: () => new Date() };
  const actor = { role: 'manager' as const, external: false, place: 'dm' as const };
  for (const question of ['feedback all', 'portfolio all']) {
    const t = performance.now();
    const turn = startTurn(deps, question);
    const status = performance.now() - t; // the status (or Teams' informative update) goes out here
    const reply = await turn.reply({ channel: 'slack', actor });
    const first = replyMarkdownParts(reply)[0]!;
    const ms = performance.now() - t;
    console.log(
      `"${question}": status after ${status.toFixed(1)} ms, first streamed text ("${first.trim().slice(0, 40)}…") after ${ms.toFixed(0)} ms (target < 1,000 ms)`,
    );
  }
} finally {
  await db.close();
}
