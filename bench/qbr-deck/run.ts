// QBR decks on the demo portfolio (embedded database, offline wording): one account's deck from
// request to file (draft + .pptx), and 100 decks in a batch as `tend qbr --all --pptx dir/` writes
// them. Targets: one deck < 2 s; 100 decks < 60 s. Prints peak RSS.
//   npm run bench:qbr-deck      (TEND_BENCH_DECKS=100)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseQuarter } from '../../src/core/qbr/quarter.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { loadDeckBrand } from '../../src/services/qbr/deck-brand.js';
import { draftQbr } from '../../src/services/qbr/draft-qbr.js';
import { buildQbrDeck } from '../../src/services/qbr/qbr-deck.js';
import { createTestDatabase } from '../../test/support/test-database.js';

const decks = Number(process.env.TEND_BENCH_DECKS ?? 100);
const now = new Date('2026-09-14T09:00:00Z');
const quarter = parseQuarter('2026Q3')!;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const db = await createTestDatabase('pglite');
const out = mkdtempSync(join(tmpdir(), 'tend-decks-'));
try {
  await seedDemoPortfolio(db.prisma, { seed: 42, today: now, accounts: Math.max(decks, 120) });
  const accounts = await db.prisma.account.findMany({
    where: { status: 'ACTIVE' },
    select: { id: true },
    orderBy: { name: 'asc' },
    take: decks,
  });
  const deps = { prisma: db.prisma, logger: createLogger({ level: 'warn' }) };
  const admin = { role: 'admin', external: false, place: 'dm' } as const;
  const brand = await loadDeckBrand(db.prisma);
  const deck = async (accountId: string, file: string) => {
    const draft = await draftQbr(deps, admin, { accountId, quarter }, now);
    writeFileSync(file, await buildQbrDeck(draft, brand));
  };
  // Warm once: the first deck pays for loading the libraries.
  await deck(accounts[0]!.id, join(out, 'warm.pptx'));
  const single: number[] = [];
  for (const a of accounts.slice(0, 20)) {
    const t = performance.now();
    await deck(a.id, join(out, `one-${a.id}.pptx`));
    single.push(performance.now() - t);
  }
  single.sort((x, y) => x - y);
  const pct = (p: number) => single[Math.min(single.length - 1, Math.ceil((p / 100) * single.length) - 1)]!;
  console.log(
    `one deck (draft + .pptx, ${quarter.label}, PGlite): p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${single.at(-1)!.toFixed(0)} ms (target < 2 s)`,
  );
  const started = performance.now();
  for (const a of accounts) await deck(a.id, join(out, `${a.id}.pptx`));
  const seconds = (performance.now() - started) / 1000;
  console.log(`${accounts.length} decks in a batch: ${seconds.toFixed(1)} s (target < 60 s)`);
} finally {
  clearInterval(sampler);
  await db.close();
  rmSync(out, { recursive: true, force: true });
}
console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
