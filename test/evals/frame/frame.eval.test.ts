import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDemoSeed } from '../../../src/app/start-tend.js';
import type { ConversationDeps } from '../../../src/conversation/handle-message.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { readEvalFile, report, runEval } from './grade.js';

// Issue 37's question-answer eval: questions as CSMs and managers type them, asked through the real
// handleMessage path on the default demo of the fixed day, graded on the answers (grade.ts). A wrong
// answer (another scope, the company figure for a team's) in the tuning set fails the build.
// heldout.jsonl was written by someone who never read the rules, committed before the code that
// answers it, and is never tuned on: only its counts are printed. Its target (issue 37) is >= 90 %
// right and 0 wrong; it is not met yet, so the build holds the first measured counts as a ratchet
// (no more wrong, no fewer right) until the target is reached. One seeded database for both.

/** Held-out counts as first measured (2026-12-07: 156 right, 16 wrong, 67 not answered of 239). Only ever tightened. */
const heldoutRatchet = { maxWrong: 16, minRight: 156 };
const heldoutTarget = { maxWrong: 0, minRightShare: 0.9 };

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const tuning = readEvalFile(here('tuning.jsonl'))!;
const heldout = readEvalFile(here('heldout.jsonl'));

describe('answers for exactly the scope asked (issue 37)', () => {
  let db: TestDatabase;
  let deps: ConversationDeps;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: defaultDemoSeed, today: testNow });
    deps = { prisma: db.prisma, now: () => new Date(testNow), timeZone: 'UTC' };
  }, 600_000);
  afterAll(async () => db?.close());

  it('answers the tuning questions with no wrong answer', { timeout: 600_000 }, async () => {
    expect(tuning.length).toBeGreaterThanOrEqual(80);
    const results = await runEval(deps, tuning);
    console.log(report('tuning.jsonl', results));
    expect(results.filter((r) => r.grade === 'WRONG').map((r) => r.line.id)).toEqual([]);
  });

  it(
    'answers the held-out questions no worse than measured (target: >= 90 % right, none wrong)',
    { timeout: 600_000 },
    async () => {
      if (!heldout) {
        console.log('heldout.jsonl: absent (test/evals/frame/heldout.jsonl), not graded');
        return;
      }
      const results = await runEval(deps, heldout);
      // Held out: the counts only, so nothing is tuned on its lines.
      console.log(report('heldout.jsonl', results).split('\n')[0]);
      const wrong = results.filter((r) => r.grade === 'WRONG').length;
      const right = results.filter((r) => r.grade === 'RIGHT').length;
      const met = wrong <= heldoutTarget.maxWrong && right / results.length >= heldoutTarget.minRightShare;
      console.log(
        met
          ? 'heldout.jsonl: the target is met; make it the assertion (0 wrong, >= 90 % right)'
          : `heldout.jsonl: below the target (0 wrong, >= 90 % right); held to the ratchet (<= ${heldoutRatchet.maxWrong} wrong, >= ${heldoutRatchet.minRight} right)`,
      );
      expect(wrong).toBeLessThanOrEqual(heldoutRatchet.maxWrong);
      expect(right).toBeGreaterThanOrEqual(heldoutRatchet.minRight);
    },
  );
});
