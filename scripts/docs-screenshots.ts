// Draws the pictures in docs/: a Teams health answer as the Adaptive Cards SDK renders it (in
// Chromium, at a chat pane's 560 px, Teams' light theme), and the Slack health chart as Tend
// uploads it, shown on Slack's light and dark backgrounds. The demo on the tests' fixed day.
//   npm run docs:screenshots        (needs Debian's chromium at /usr/bin/chromium)
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderChartPng } from '../src/charts/render-chart.js';
import { renderCard } from '../src/channels/teams/render-card.js';
import { handleMessage } from '../src/conversation/handle-message.js';
import { seedDemoPortfolio } from '../src/services/demo/seed-demo-portfolio.js';
import { createTestDatabase } from '../test/support/test-database.js';

const require = createRequire(import.meta.url);
const out = join(import.meta.dirname, '..', 'docs', 'images');
mkdirSync(out, { recursive: true });
const today = new Date('2026-09-14T09:00:00Z');

const db = await createTestDatabase('pglite');
const prisma = db.prisma;
try {
  await seedDemoPortfolio(prisma, { seed: 42, today, accounts: 60, historyWeeks: 8 });
  const csm = await prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
  const reply = await handleMessage(
    { prisma, now: () => today },
    {
      text: 'how is Acme doing?',
      channel: 'teams',
      actor: { userId: csm.id, role: 'csm', external: false, place: 'dm' },
    },
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 620, height: 400 }, deviceScaleFactor: 1 });
  await page.setContent('<!doctype html><html><body style="margin:0;padding:24px 30px"></body></html>');
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  // The SDK's default host config is Teams' light theme; its dark theme is the Teams client's own.
  for (const [name, background] of [['light', '#f5f5f5']] as const) {
    await page.evaluate(
      `(${String.raw`({ card, background }) => {
        document.body.style.background = background;
        document.body.innerHTML = '';
        const host = document.createElement('div');
        host.style.width = '560px';
        host.style.background = '#ffffff';
        host.style.borderRadius = '6px';
        document.body.appendChild(host);
        const adaptive = new window.AdaptiveCards.AdaptiveCard();
        adaptive.parse(card);
        host.appendChild(adaptive.render());
      }`})(${JSON.stringify({ card: renderCard(reply), background })})`,
    );
    await page.screenshot({ path: join(out, `teams-health-${name}.png`), fullPage: true });
  }
  // The Slack chart as uploaded (an opaque image), on Slack's light and dark message backgrounds.
  if (reply.chart) {
    const png = renderChartPng(reply.chart).toString('base64');
    for (const [name, background] of [
      ['light', '#ffffff'],
      ['dark', '#1a1d21'],
    ] as const) {
      await page.setContent(
        `<!doctype html><html><body style="margin:0;padding:24px;background:${background}"><img style="width:720px" src="data:image/png;base64,${png}"></body></html>`,
      );
      await page.setViewportSize({ width: 770, height: 410 });
      await page.screenshot({ path: join(out, `slack-chart-${name}.png`) });
    }
  }
  await browser.close();
  console.log(`wrote ${out}/teams-health-light.png and slack-chart-{light,dark}.png`);
} finally {
  await db.close();
}
