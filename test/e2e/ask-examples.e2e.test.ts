import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasFaketime, runTend } from '../support/run-tend.js';
import { testNow } from '../support/test-clock.js';

// Issue 27's questions as a new user types them into `tend ask`, offline, on the demo portfolio of
// the tests' fixed day: each gets its answer, none "I did not understand".
const dir = mkdtempSync(join(tmpdir(), 'tend-ask-'));
const env = { TEND_DATA_DIR: join(dir, 'db'), LOG_LEVEL: 'warn', TEND_SEED_DEMO_ON_FIRST_START: 'false' };

async function run(args: string[]) {
  const p = runTend(args, env, { clockAt: testNow });
  const code = await p.exited;
  return { code, output: p.output() };
}

const examples: [string, string, RegExp][] = [
  ['aisha@tend.example', 'what changed this week for Acme?', /^. Why Acme Corp is at [\d.]+/],
  ['aisha@tend.example', "what's the health score of Globex", /^. Globex Industries: [\d.]+\/100/],
  ['aisha@tend.example', "what's going on with Umbrella Health?", /^. Umbrella Health: [\d.]+\/100/],
  ['aisha@tend.example', 'Initrode?', /^. Initrode Systems: [\d.]+\/100/],
  ['aisha@tend.example', 'who owns Hooli Labs?', /Hooli Labs is owned by /],
  ['aisha@tend.example', 'top 5 accounts by ARR', /^. Top 5 of \d+ accounts by ARR/],
  ['aisha@tend.example', 'show me healthy accounts', /^. \d+ healthy accounts/],
  ['aisha@tend.example', 'show me accounts with falling usage', /accounts with falling usage over the last 30 days/],
  ['aisha@tend.example', 'which accounts dropped the most this month?', /biggest health drops over this month/],
  ['aisha@tend.example', "which accounts haven't been contacted in 30 days?", /accounts not contacted in 30 days/],
  ['aisha@tend.example', 'how many accounts do I have?', /^. Your book: \d+ active accounts/],
  ['aisha@tend.example', 'any churn risks in APAC?', /APAC account\(s\) at risk|No APAC accounts at risk/],
  ['aisha@tend.example', 'compare Acme and Globex', /Acme Corp and Globex Industries, side by side/],
  [
    'aisha@tend.example',
    'what is the net revenue retention?',
    /Net revenue retention [\d.]+ %|Not enough data for retention/,
  ],
  ['mgr.emea@tend.example', 'how many accounts does Aisha have?', /Aisha Rahman has \d+ active accounts?/],
  ['aisha@tend.example', 'nps for Acme', /NPS .* for Acme Corp|No NPS answers for Acme Corp/],
  ['aisha@tend.example', 'show my alerts', /open alert\(s\) for your accounts/],
  ['mgr.emea@tend.example', 'how is my team doing?', /Your team's book: \d+ active accounts/],
  ['aisha@tend.example', 'nps EMEA', /EMEA accounts/],
  ['aisha@tend.example', 'when does Acme renew?', /Acme Corp renews on \d{4}-\d{2}-\d{2}/],
  ['aisha@tend.example', "what's our ARR at risk?", /ARR at risk \(\d+ accounts?\)/],
  ['aisha@tend.example', 'list critical accounts', /critical accounts/i],
  ['aisha@tend.example', 'upcoming renewals in december', /renewal\(s\) in December 2026/],
  ['mgr.emea@tend.example', 'portfolio', /Your team's book/],
  ['aisha@tend.example', 'how is Acme Corporation doing?', /^. Acme Corp: [\d.]+\/100/],
  ['aisha@tend.example', "how's Globx doing?", /Did you mean|Globex Industries/],
  ['aisha@tend.example', 'give me the health of Acme', /^. Acme Corp: [\d.]+\/100/],
];

describe.skipIf(!hasFaketime)('tend ask, as a new user asks (offline)', () => {
  beforeAll(async () => {
    expect(
      (await run(['seed', '--demo', '--accounts', '60', '--today', testNow.toISOString().slice(0, 10)])).code,
    ).toBe(0);
  }, 240_000);

  // One process per question (each starts Tend on the embedded database): a time limit per question,
  // not one for all of them, on a two-core machine.
  it.each(examples)(
    '%s asks "%s"',
    async (who, question, expected) => {
      const { code, output } = await run(['ask', '--as', who, question]);
      expect(code, question).toBe(0);
      expect(output, question).not.toContain('I did not understand');
      expect(output, question).toMatch(expected);
    },
    60_000,
  );
});
