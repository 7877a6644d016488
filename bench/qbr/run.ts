// QBR drafting on the offline provider over the demo portfolio (embedded database): time to a
// draft and the size of the prompt a model would receive, in tokens (o200k encoding, as GPT-4o).
// Targets: a draft in < 1 s offline; < 6,000 prompt tokens per draft.
//   npm run bench:qbr       (TEND_BENCH_DRAFTS=20)
import { countTokens } from 'gpt-tokenizer';
import { lastCompletedQuarter } from '../../src/core/qbr/quarter.js';
import { createLogger } from '../../src/logging/logger.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { draftQbr } from '../../src/services/qbr/draft-qbr.js';
import { createTestDatabase } from '../../test/support/test-database.js';

const drafts = Number(process.env.TEND_BENCH_DRAFTS ?? 20);
const now = new Date();
const db = await createTestDatabase('pglite');
try {
  await seedDemoPortfolio(db.prisma, { seed: 42, today: now });
  const accounts = await db.prisma.account.findMany({
    where: { status: 'ACTIVE' },
    select: { id: true },
    take: drafts,
  });
  const quarter = lastCompletedQuarter(now);
  const times: number[] = [];
  const tokens: number[] = [];
  for (const a of accounts) {
    const started = performance.now();
    const draft = await draftQbr(
      { prisma: db.prisma, logger: createLogger({ level: 'warn' }) },
      { role: 'admin', external: false, place: 'dm' },
      { accountId: a.id, quarter },
      now,
    );
    times.push(performance.now() - started);
    tokens.push(countTokens(`${draft.prompt.system}\n${draft.prompt.user}`));
  }
  const sorted = [...times].sort((x, y) => x - y);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  console.log(
    `${accounts.length} offline QBR drafts (${quarter.label}, PGlite): p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (target < 1 s)`,
  );
  console.log(
    `prompt tokens per draft: mean ${Math.round(tokens.reduce((s, t) => s + t, 0) / tokens.length)}, max ${Math.max(...tokens)} (target < 6,000)`,
  );
} finally {
  await db.close();
}
