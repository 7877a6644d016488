import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { renderCard } from '../../src/channels/teams/render-card.js';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { testNow } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Tend's largest Teams answers, rendered by the Adaptive Cards SDK in Chromium at a desktop's 900 px,
// a narrow pane's 560 px and a phone's 340 px: no word may break mid-letter, and a list must stay a
// list a person scrolls, not a wall thousands of pixels tall.

const require = createRequire(import.meta.url);
const sdk = require.resolve('adaptivecards/dist/adaptivecards.js');
const executablePath = '/usr/bin/chromium';
const widths = [900, 560, 340];

/**
 * Runs in the page (plain JavaScript, the test's TypeScript has no DOM): renders one card at a width
 * and reports its height and every place a line changes between two letters or digits of one word.
 */
const measureCard = String.raw`({ card, width }) => {
  document.body.innerHTML = '';
  const host = document.createElement('div');
  host.style.width = width + 'px';
  document.body.appendChild(host);
  const adaptive = new window.AdaptiveCards.AdaptiveCard();
  adaptive.parse(card);
  host.appendChild(adaptive.render());
  const broken = [];
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent || '';
    const range = document.createRange();
    let lastTop;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (lastTop !== undefined && rect.top > lastTop + 2 && /\w/.test(text[i]) && /\w/.test(text[i - 1]))
        broken.push(text.slice(Math.max(0, i - 8), i + 8));
      lastTop = rect.top;
    }
  }
  return { height: host.getBoundingClientRect().height, broken };
}`;

describe.skipIf(!existsSync(executablePath))('Teams cards on narrow screens', () => {
  let db: TestDatabase;
  let browser: Browser;
  const cards = new Map<string, Record<string, unknown>>();
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 42, today: testNow, accounts: 120, historyWeeks: 3 });
    const manager = await db.prisma.user.findFirstOrThrow({ where: { role: 'MANAGER' } });
    const actor = { userId: manager.id, role: 'manager' as const, external: false, place: 'dm' as const };
    for (const question of ['at-risk', 'renewals 90', 'how is Acme doing?', 'portfolio all', 'why did Globex drop?']) {
      const reply = await handleMessage(
        { prisma: db.prisma, now: () => testNow },
        { text: question, channel: 'teams', actor },
      );
      cards.set(question, renderCard(reply) as unknown as Record<string, unknown>);
    }
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('breaks no word mid-letter at 900, 560 and 340 px, and keeps lists short enough to scroll', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html><body style="margin:0;font-family:Segoe UI,Arial,sans-serif"></body></html>',
    );
    await page.addScriptTag({ path: sdk });
    const results: { question: string; width: number; height: number; broken: string[] }[] = [];
    for (const [question, card] of cards)
      for (const width of widths) {
        const measured = (await page.evaluate(`(${measureCard})(${JSON.stringify({ card, width })})`)) as {
          height: number;
          broken: string[];
        };
        results.push({ question, width, ...measured });
      }
    await page.close();
    for (const r of results) expect(r.broken, `${r.question} at ${r.width} px`).toEqual([]);
    // The at-risk list at phone width: one compact block per account (25 at most), not a 16,000 px grid.
    const atRisk = results.find((r) => r.question === 'at-risk' && r.width === 340)!;
    expect(atRisk.height).toBeLessThan(5_000);
    for (const r of results.filter((x) => x.width === 340)) expect(r.height, r.question).toBeLessThan(6_000);
  }, 120_000);
});
