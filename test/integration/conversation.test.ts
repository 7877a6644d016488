import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShellChat } from '../../src/channels/shell/shell-chat.js';
import { handleMessage, startTurn } from '../../src/conversation/handle-message.js';
import { listAtRisk } from '../../src/services/portfolio/portfolio-queries.js';
import { roundTo } from '../../src/core/scoring/rounding.js';
import type { Actor } from '../../src/services/access/actor.js';
import { seedDemoPortfolio } from '../../src/services/demo/seed-demo-portfolio.js';
import { testClock, testNow } from '../support/test-clock.js';
import { createTestDatabase, databaseKinds, skipPostgres, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('conversation core on %s', (kind) => {
  let db: TestDatabase;
  const now = testClock.now;
  const ask = (text: string, actor: Partial<Actor> = {}) =>
    handleMessage(
      { prisma: db.prisma, now },
      { text, channel: 'shell', actor: { role: 'csm', external: false, place: 'dm', ...actor } },
    );

  beforeAll(async () => {
    if (skipPostgres(kind)) return;
    db = await createTestDatabase(kind);
    await seedDemoPortfolio(db.prisma, { seed: 11, today: testNow, accounts: 40, historyWeeks: 6 });
  });
  afterAll(async () => db?.close());

  it.skipIf(skipPostgres(kind))(
    'answers "how is Acme doing?" with the score, its dimensions and what changed',
    async () => {
      const reply = await ask("how's Acme doing?");
      const snapshot = await db.prisma.healthSnapshot.findFirstOrThrow({
        where: { account: { name: 'Acme Corp' } },
        orderBy: [{ computedAt: 'desc' }, { recordedAt: 'desc' }],
      });
      expect(reply.headline).toMatch(new RegExp(`^Acme Corp: ${snapshot.overall}/100, `));
      expect(reply.bars).toHaveLength(5);
      expect(reply.sections?.[0]?.title).toBe('This week');
      expect(reply.buttons?.map((b) => b.label)).toEqual([
        'Why?',
        'Success plan',
        'Draft QBR',
        'Snooze alerts 7 days',
        'Log a note',
      ]);
      expect(reply.buttons?.[0]).toMatchObject({ command: 'why Acme Corp' });
      expect(reply.buttons?.[4]?.form).toMatchObject({ kind: 'note', accountName: 'Acme Corp' });
    },
  );

  it.skipIf(skipPostgres(kind))('answers "why did Globex drop?" with drivers over four weeks', async () => {
    const reply = await ask('why did Globex drop?');
    expect(reply.headline).toMatch(/^Why Globex Industries is at [\d.]+ \(/);
    expect(reply.sections?.map((s) => s.title)).toContain('Pulling it down');
    expect(reply.sections?.[0]?.lines[0]).toMatch(/^Since \d{4}-\d{2}-\d{2}: /);
  });

  it.skipIf(skipPostgres(kind))('answers for the one account a typo can only mean, saying which it read', async () => {
    const reply = await ask('how is Globx Industries doing?');
    const [said, answer] = reply.headline.split('\n');
    expect(said).toBe('(I read "Globx Industries" as Globex Industries.)');
    expect(answer).toMatch(/^Globex Industries: [\d.]+\/100, /);
    expect(reply.bars).toHaveLength(5);
  });

  it.skipIf(skipPostgres(kind))(
    'says a churned account is no longer scored, and scores it again once active',
    async () => {
      const account = await db.prisma.account.findFirstOrThrow({ where: { name: { startsWith: 'Umbrella' } } });
      await db.prisma.account.update({ where: { id: account.id }, data: { status: 'CHURNED' } });
      try {
        const reply = await ask(`how is ${account.name} doing?`);
        expect(reply.headline).toBe(`${account.name} has churned; Tend no longer scores it.`);
        expect(reply.bars).toBeUndefined();
      } finally {
        await db.prisma.account.update({ where: { id: account.id }, data: { status: 'ACTIVE' } });
      }
      expect((await ask(`how is ${account.name} doing?`)).headline).toMatch(
        new RegExp(`^${account.name}: [\\d.]+/100, `),
      );
    },
  );

  it.skipIf(skipPostgres(kind))('lists at-risk accounts and renewals from the latest scores', async () => {
    const atRisk = await ask('which accounts are at risk?');
    const rows = atRisk.table?.rows ?? [];
    // The headline counts every at-risk account; the table shows the worst 20 and says how many more.
    const count = Number(/^(\d+) account\(s\) at risk$/.exec(atRisk.headline)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(rows).toHaveLength(Math.min(count, 20));
    expect(atRisk.sections?.[0]?.lines ?? []).toEqual(count > 20 ? [`... and ${count - 20} more`] : []);
    const scores = rows.map((r) => Number(r[1]));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    // "top 5 at-risk by ARR": the five largest of them, largest first.
    const top = await ask('top 5 at-risk by ARR');
    expect(top.headline).toBe(`Top ${Math.min(5, count)} of ${count} at-risk account(s) by ARR`);
    const arr = (top.table?.rows ?? []).map((r) => Number(r[3]!.replace(/[^\d.]/g, '')));
    expect(arr).toHaveLength(Math.min(5, count));
    expect(arr).toEqual([...arr].sort((a, b) => b - a));
    const all = await db.prisma.account.findMany({
      where: { name: { in: rows.map((r) => r[0]!) } },
      select: { arr: true },
    });
    if (count <= 20) expect(arr[0]).toBe(Math.max(...all.map((a) => Math.round(Number(a.arr)))));
    const renewals = await ask('renewals in the next 60 days');
    for (const row of renewals.table?.rows ?? []) expect(Number(row[2])).toBeLessThanOrEqual(60);
    const portfolio = await ask('portfolio all');
    const total = (portfolio.facts ?? [])
      .filter((f) => !f.label.startsWith('Renewals'))
      .reduce((s, f) => s + Number(f.value), 0);
    expect(portfolio.headline).toMatch(
      new RegExp(`^${await db.prisma.account.count({ where: { status: 'ACTIVE' } })} active accounts`),
    );
    expect(total).toBe(await db.prisma.account.count({ where: { status: 'ACTIVE' } }));
  });

  it.skipIf(skipPostgres(kind))('reads "my accounts" as the asking user\'s own book', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const mine = await ask('my accounts at risk', { userId: alex.id });
    const owned = new Set((await db.prisma.account.findMany({ where: { ownerId: alex.id } })).map((a) => a.name));
    for (const row of mine.table?.rows ?? []) expect(owned.has(row[0]!)).toBe(true);
    const all = await ask('accounts at risk');
    expect((all.table?.rows ?? []).length).toBeGreaterThanOrEqual((mine.table?.rows ?? []).length);
  });

  it.skipIf(skipPostgres(kind))('tells someone from another organisation nothing internal', async () => {
    const reply = await ask('how is Acme doing?', { external: true, place: 'shared_channel' });
    expect(reply).toEqual({ headline: 'Tend answers questions from the account team only.', tone: 'info' });
  });

  it.skipIf(skipPostgres(kind))('records notes, goals and snoozes for the account team only', async () => {
    const alex = await db.prisma.user.findUniqueOrThrow({ where: { email: 'alex@tend.example' } });
    const acme = await db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    const csm = { userId: alex.id, role: 'csm' as const };

    expect((await ask('note Acme Corp: QBR moved to March', csm)).headline).toBe('Note logged on Acme Corp.');
    const note = await db.prisma.activity.findFirstOrThrow({
      where: { accountId: acme.id, kind: 'note' },
      orderBy: { createdAt: 'desc' },
    });
    expect(note).toMatchObject({ title: 'QBR moved to March', authorId: alex.id });

    const viewer = await ask('note Acme Corp: should not be saved', { role: 'viewer' });
    expect(viewer.headline).toContain('read-only');
    expect(await db.prisma.activity.count({ where: { title: 'should not be saved' } })).toBe(0);

    const goal = await ask('goal Acme Corp: Halve tickets | tickets per month | 40 | 20 | 2027-03-31', csm);
    expect(goal.headline).toMatch(/^Goal "Halve tickets" added to /);
    const plan = await ask('plan acme', csm);
    const row = plan.table?.rows.find((r) => r[0] === 'Halve tickets');
    expect(row?.slice(1, 4)).toEqual(['tickets per month', '40 → 20', '40']);
    const bad = await ask('goal Acme Corp: Halve tickets | tickets | forty', csm);
    expect(bad).toMatchObject({ tone: 'error', headline: '"forty" is not a number' });

    const snoozed = await ask('snooze alerts for Acme Corp for 14 days', csm);
    expect(snoozed.headline).toMatch(/^Alerts for Acme Corp are snoozed until \d{4}-\d{2}-\d{2}\.$/);
    const after = await db.prisma.account.findUniqueOrThrow({ where: { id: acme.id } });
    expect(after.alertsSnoozedUntil!.getTime() - testNow.getTime()).toBeGreaterThan(13.9 * 86_400_000);
  });

  it.skipIf(skipPostgres(kind))('keeps admin commands for admins and shuts out people without access', async () => {
    expect((await ask('recompute Acme Corp', { role: 'manager' })).headline).toBe('Only Tend admins can do that.');
    expect((await ask('recompute Acme Corp', { role: 'admin' })).headline).toMatch(/^Recomputed 1 account\(s\) in /);
    expect(await ask('how is Acme doing?', { role: 'none' })).toEqual({
      headline: 'You do not have access to Tend yet; ask your Tend admin to add you.',
      tone: 'info',
    });
    expect((await ask('how is Acme doing?', { place: 'unverified' })).headline).toMatch(
      /^I cannot see who else is in this conversation/,
    );
  });

  it.skipIf(skipPostgres(kind))('summarises feedback for an account, a segment or everyone', async () => {
    const account = await ask('what are customers saying about Globex?');
    expect(account.headline).toMatch(/^Globex Industries: (\d+ comments in 90 days|No customer comments)/);
    const segment = await ask('feedback strategic 365');
    expect(segment.headline).toMatch(
      /^strategic accounts: \d+ comments in 365 days, sentiment [+-]?[\d.]+ (positive|neutral|negative)/,
    );
    const strategicComments = await db.prisma.feedbackItem.count({
      where: {
        account: { segment: 'strategic' },
        sentimentScore: { not: null },
        receivedAt: { gt: new Date(testNow.getTime() - 365 * 86_400_000), lte: testNow },
      },
    });
    expect(segment.headline).toContain(`${strategicComments} comments`);
    const all = await ask('feedback all 30');
    expect(all.headline).toMatch(/^all accounts: /);
  });

  it.skipIf(skipPostgres(kind))('reports NPS with promoters, passives and detractors from the answers', async () => {
    const reply = await ask('nps all 180');
    const answers = await db.prisma.feedbackItem.findMany({
      where: {
        surveyType: 'nps',
        score: { not: null },
        receivedAt: { gt: new Date(testNow.getTime() - 180 * 86_400_000), lte: testNow },
      },
      select: { score: true },
    });
    const promoters = answers.filter((a) => a.score! >= 9).length;
    const detractors = answers.filter((a) => a.score! <= 6).length;
    const nps = roundTo(((promoters - detractors) / answers.length) * 100, 1);
    expect(reply.headline).toContain(
      `NPS ${nps > 0 ? '+' : ''}${nps} for all accounts (180 days, ${answers.length} answers)`,
    );
    expect(reply.facts?.find((f) => f.label === 'Promoters (9-10)')?.value).toBe(String(promoters));
    expect(reply.facts?.find((f) => f.label === 'Detractors (0-6)')?.value).toBe(String(detractors));
    // The same period in words.
    expect((await ask('nps all last 6 months')).headline).toContain('for all accounts (180 days,');
  });

  it.skipIf(skipPostgres(kind))('says what it can do when it does not understand', async () => {
    const reply = await ask('what is the weather like?');
    expect(reply.headline).toBe('I did not understand "what is the weather like".');
    expect(reply.suggestions).toContain('how is Acme doing?');
  });

  it.skipIf(skipPostgres(kind))(
    'a follow-up in a thread edits the frame of its last question, kept in the database (tend ask --thread)',
    async () => {
      const turn = (text: string, thread: string) => {
        const t = startTurn({ prisma: db.prisma, now }, text);
        return t
          .reply({
            channel: 'shell',
            conversationKey: `ask:${thread}`,
            actor: { role: 'csm', external: false, place: 'dm' },
          })
          .then((reply) => ({ reply, turn: t }));
      };
      const emea = await turn('at risk accounts in emea', 't1');
      expect(emea.turn.frame?.regions?.values).toEqual(['EMEA']);
      const expected = (await listAtRisk(db.prisma, {})).filter((a) => a.region === 'EMEA' && a.tier === 'enterprise');
      const narrower = await turn('just the enterprise ones', 't1');
      expect(narrower.turn.ran?.intent).toBe('at_risk');
      expect(narrower.turn.frame).toMatchObject({ regions: { values: ['EMEA'] }, tiers: { values: ['enterprise'] } });
      expect(narrower.reply.table?.rows.map((r) => r[0]).sort()).toEqual(expected.map((a) => a.name).sort());
      // Another thread has no such frame to edit.
      expect((await turn('just the enterprise ones', 't2')).turn.frame?.regions).toBeUndefined();
    },
  );

  it.skipIf(skipPostgres(kind))(
    'follows up on the last answer, per person and conversation, for 30 minutes',
    async () => {
      let clock = new Date(testNow);
      const say = (text: string, conversationKey = 'DM-1', actor: Partial<Actor> = { chatIdentity: 'U1' }) =>
        handleMessage(
          { prisma: db.prisma, now: () => clock },
          { text, channel: 'slack', conversationKey, actor: { role: 'csm', external: false, place: 'dm', ...actor } },
        );
      expect((await say('how is Acme doing?')).headline).toMatch(/^Acme Corp: /);
      expect((await say('and why?')).headline).toMatch(/^Why Acme Corp is at /);
      expect((await say('what about Globex?')).headline).toMatch(/^Why Globex Industries is at /);
      // A list, then a place in it.
      const atRisk = await say('at-risk');
      const second = atRisk.table!.rows[1]![0]!;
      expect((await say('the second one')).headline).toMatch(new RegExp(`^${second}: `));
      // Someone else, or another conversation, has no such subject.
      const askedWhich = /^Why about which account\?/;
      expect((await say('and why?', 'DM-1', { chatIdentity: 'U2' })).headline).toMatch(askedWhich);
      expect((await say('and why?', 'DM-2')).headline).toMatch(askedWhich);
      // After half an hour without an answer, it is forgotten.
      await say('how is Acme doing?');
      clock = new Date(clock.getTime() + 31 * 60_000);
      expect((await say('and why?')).headline).toMatch(askedWhich);
    },
  );

  it.skipIf(skipPostgres(kind))('charts the trend under health, NPS and (for managers) portfolio answers', async () => {
    const health = await ask('how is Acme doing?');
    expect(health.chart?.kind).toBe('health_trend');
    expect(health.chart?.altText).toMatch(/^Acme Corp's health score went from [\d.]+ on \d{4}-\d{2}-\d{2} to [\d.]+/);
    // The title states the span the points cover, the alt text reads as people read numbers.
    const days = health.chart!.days;
    expect(health.chart!.title).toBe(`Acme Corp: health, ${days[0]} to ${days.at(-1)} (${days.length} weekly scores)`);
    expect(health.chart!.asOf).toBe(testNow.toISOString().slice(0, 10));
    expect(health.chart!.altText).not.toMatch(/\d\.\d{2,}/);
    const nps = await ask('nps all year');
    expect(nps.chart?.kind).toBe('nps_trend');
    expect(nps.chart?.yRange).toEqual({ min: -100, max: 100 });
    expect(nps.chart?.altText).toMatch(
      /^NPS for all accounts went from -?\d+ in \d{4}-\d{2} \(\d+ answers\) to -?\d+ in \d{4}-\d{2}/,
    );
    const manager = await db.prisma.user.findFirstOrThrow({ where: { role: 'MANAGER' } });
    const portfolio = await ask('portfolio all', { role: 'manager', userId: manager.id });
    expect(portfolio.chart?.kind).toBe('portfolio_arr');
    expect(portfolio.chart?.altText).toMatch(
      /^ARR in [A-Z]{3} by health band for all accounts, \d+ weeks: on \d{4}-\d{2}-\d{2} /,
    );
    // Accounts in other currencies are not converted; the title says how many are left out.
    const currencies = await db.prisma.account.groupBy({ by: ['currency'], where: { status: 'ACTIVE' }, _count: true });
    const shown = currencies.sort((a, b) => b._count - a._count || a.currency.localeCompare(b.currency))[0]!;
    const others = currencies.filter((c) => c.currency !== shown.currency);
    expect(portfolio.chart!.title).toBe(
      `ARR by health band (${shown.currency}${others.length ? `; ${others.reduce((n, c) => n + c._count, 0)} account(s) in ${others.map((c) => c.currency).join(', ')} not shown` : ''}): all accounts`,
    );
    // The ARR fact reads as money, not "579555.00 USD".
    expect(JSON.stringify(portfolio.sections)).not.toMatch(/\d\.\d\d [A-Z]{3}/);
    // The lines add up to the ARR scored that week, in one currency; a CSM's portfolio has no chart.
    const last = portfolio.chart!.series.reduce((sum, s) => sum + (s.values.at(-1) ?? 0), 0);
    expect(last).toBeGreaterThan(0);
    expect((await ask('portfolio all')).chart).toBeUndefined();
  });

  it.skipIf(skipPostgres(kind))('holds a conversation in the terminal', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await runShellChat(
      { prisma: db.prisma, now },
      {
        input: Readable.from(['how is acme doing?\n', '1\n', 'help\n', 'exit\n', 'never read\n']),
        output,
        actor: { role: 'viewer', external: false, place: 'dm' },
      },
    );
    expect(text).toContain('Acme Corp: ');
    // Typing 1 pressed the first button, "Why?".
    expect(text).toContain('[1] Why?');
    expect(text).toMatch(/Why Acme Corp is at [\d.]+/);
    expect(text).toContain('health <account>: score, band and what changed this week');
    expect(text).not.toContain('never read');
  });
});
