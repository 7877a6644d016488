import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../src/conversation/handle-message.js';
import { intents } from '../../src/conversation/intent-registry.js';
import { warmClassifier } from '../../src/conversation/nlu/intent-classifier.js';
import type { Actor } from '../../src/services/access/actor.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { testClock, testNow } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The longest the event loop stood still while `work` ran (a timer that should fire every 5 ms). */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const at = performance.now();
    stallMs = Math.max(stallMs, at - last - 5);
    last = at;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last - 5);
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe('very long messages', () => {
  let db: TestDatabase;
  const ask = (text: string, actor: Partial<Actor> = {}) =>
    handleMessage(
      { prisma: db.prisma, now: testClock.now },
      { text, channel: 'slack', actor: { role: 'csm', external: false, place: 'dm', ...actor } },
    );

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 11, today: testNow, accounts: 40, historyWeeks: 2 });
    // Trained at start-up in Tend, so the first question does not pay for it.
    await warmClassifier(intents);
  });
  afterAll(async () => db?.close());

  it('answers a 200,000-character message at once that it is too long, without reading it', async () => {
    const { result, stallMs } = await longestStall(() => ask('how is acme doing? '.repeat(10_600).slice(0, 200_000)));
    expect(result).toEqual({
      headline:
        'That message is 200,000 characters long; I read messages of up to 4,000. Ask a shorter question, or split a long note into several.',
      tone: 'error',
    });
    expect(stallMs).toBeLessThan(100);
  });

  // At the limit, each step of reading (the rules, account matching and typo suggestions over every
  // account) is linear in the text: no step holds the event loop, so /healthz and other chats go on.
  const shapes: Record<string, string> = {
    'one word': 'a'.repeat(4_000),
    'a question repeated': 'how is acme doing? '.repeat(250).slice(0, 4_000),
    'an account name': `how is ${'Globex Industries '.repeat(250)}`.slice(0, 4_000),
  };
  for (const [shape, text] of Object.entries(shapes))
    it(`reads a 4,000-character message (${shape}) without blocking the event loop`, async () => {
      const { result, stallMs } = await longestStall(() => ask(text));
      expect(result.headline).not.toMatch(/Something went wrong/);
      expect(stallMs).toBeLessThan(100);
    });
});
