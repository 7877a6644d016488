import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../../src/conversation/handle-message.js';
import type { Actor } from '../../../src/services/access/actor.js';
import { seedDemoPortfolio } from '../../../src/services/demo/seed-demo-portfolio.js';
import { testClock, testNow } from '../../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

// Lists, sums and a manager's book, asked as people ask them, on the demo portfolio.
describe('ranked lists, ARR at risk and team books', () => {
  let db: TestDatabase;
  const ask = async (text: string, actor: Actor) =>
    handleMessage({ prisma: db.prisma, now: testClock.now }, { text, channel: 'shell', actor });
  let csm: Actor;
  let manager: Actor;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    await seedDemoPortfolio(db.prisma, { seed: 11, today: testNow, accounts: 40, historyWeeks: 8 });
    const aisha = await db.prisma.user.findUniqueOrThrow({ where: { email: 'aisha@tend.example' } });
    const mgr = await db.prisma.user.findUniqueOrThrow({ where: { email: 'mgr.emea@tend.example' } });
    csm = { role: 'csm', external: false, place: 'dm', userId: aisha.id };
    manager = { role: 'manager', external: false, place: 'dm', userId: mgr.id };
  });
  afterAll(async () => db?.close());

  it('answers the top N by ARR from the book, largest first', async () => {
    const reply = await ask('top 5 accounts by ARR', csm);
    const active = await db.prisma.account.findMany({ where: { status: 'ACTIVE' }, select: { name: true, arr: true } });
    expect(reply.headline).toBe(`Top 5 of ${active.length} accounts by ARR`);
    const largest = active
      .sort((a, b) => Number(b.arr) - Number(a.arr))
      .slice(0, 5)
      .map((a) => a.name);
    expect(reply.table!.rows.map((r) => r[0])).toEqual(largest);
  });

  it('lists a band, the biggest drops, and accounts nobody has contacted', async () => {
    const healthy = await ask('show me healthy accounts', csm);
    expect(healthy.headline).toMatch(/^\d+ healthy accounts$/);
    const band = healthy.table!.columns.indexOf('Band');
    expect(new Set(healthy.table!.rows.map((r) => r[band]))).toEqual(new Set(['Healthy']));
    const drops = await ask('which accounts dropped the most this month?', csm);
    expect(drops.headline).toMatch(/biggest health drops over this month|No biggest health drops/);
    const changes = drops.table!.rows.map((r) => Number(r[1]));
    expect(changes.every((c) => c < 0)).toBe(true);
    expect([...changes].sort((a, b) => a - b)).toEqual(changes);
    const quiet = await ask("which accounts haven't been contacted in 30 days?", csm);
    expect(quiet.headline).toMatch(/accounts not contacted in 30 days/);
    for (const row of quiet.table!.rows) expect(row[1] === 'never' || Number(row[1]) > 30).toBe(true);
  });

  it('sums the ARR at risk per currency over the accounts it lists', async () => {
    const reply = await ask("what's our ARR at risk?", csm);
    const fact = reply.facts!.find((f) => f.label.startsWith('ARR at risk'))!;
    const count = Number(/\((\d+) accounts?\)/.exec(fact.label)![1]);
    expect(reply.headline).toBe(`${count} account(s) at risk`);
    expect(fact.value).toMatch(/^[^\d]*[\d,]+/);
  });

  it("gives a manager their team's book, and a bare account name its health", async () => {
    const team = await db.prisma.user.findMany({ where: { managerId: manager.userId! }, select: { id: true } });
    const owned = await db.prisma.account.count({
      where: { status: 'ACTIVE', ownerId: { in: [manager.userId!, ...team.map((t) => t.id)] } },
    });
    const book = await ask('portfolio', manager);
    expect(book.headline).toMatch(
      new RegExp(`^Your team's book \\(${team.length} people\\): ${owned} active accounts`),
    );
    // Per CSM: the rows add up to the team's book.
    expect(book.table!.columns).toEqual(['Owner', 'Accounts', 'At risk', 'Not enough data']);
    expect(book.table!.rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(owned);
    const acme = await ask('Acme Corp?', csm);
    expect(acme.headline).toMatch(/^Acme Corp: [\d.]+\/100/);
  });

  it("compares two accounts, counts a named person's accounts, and reads NPS and renewals by region and month", async () => {
    const compared = await ask('compare Acme Corp and Globex Industries', csm);
    expect(compared.headline).toBe('Acme Corp and Globex Industries, side by side');
    expect(compared.table!.columns).toEqual(['', 'Acme Corp', 'Globex Industries']);
    expect(compared.table!.rows.find((r) => r[0] === 'Health')![1]).toMatch(/^[\d.]+ \(|not enough data/);

    const aisha = await db.prisma.user.findUniqueOrThrow({ where: { email: 'aisha@tend.example' } });
    const owned = await db.prisma.account.count({ where: { status: 'ACTIVE', ownerId: aisha.id } });
    expect((await ask('how many accounts does Aisha have?', manager)).headline).toMatch(
      new RegExp(`^${aisha.name} has ${owned} active accounts?, \\d+ at risk$`),
    );
    expect((await ask('how many accounts does Aisa have?', manager)).headline).toContain('Did you mean Aisha?');

    const region = (await db.prisma.account.findFirstOrThrow({ where: { region: { not: null } } })).region!;
    const nps = await ask(`nps ${region}`, csm);
    expect(nps.headline).toMatch(new RegExp(`${region} accounts`));

    const december = await ask('upcoming renewals in december', csm);
    expect(december.headline).toMatch(/renewal\(s\) in December 2026/);
    for (const row of december.table!.rows) expect(row[1]!.startsWith('2026-12-')).toBe(true);
  });

  it('measures retention over the renewals that came due in the year, per currency', async () => {
    const reply = await ask('what is the net revenue retention?', manager);
    const from = new Date(testNow.getTime() - 365 * 86_400_000);
    const due = await db.prisma.renewalOutcome.groupBy({
      by: ['currency'],
      where: { occurredOn: { gte: from, lte: testNow } },
      _count: true,
    });
    for (const row of reply.table!.rows) {
      const counted = due.find((d) => d.currency === row[0]);
      expect(Number(row[1])).toBe(counted?._count);
    }
    const measured = reply.table!.rows.filter((r) => r[2] !== 'not enough data');
    if (measured.length) expect(reply.headline).toContain(`Net revenue retention ${measured[0]![4]}`);
    else expect(reply.headline).toMatch(/^Not enough data for retention/);
  });

  it('measures time to first value from recorded milestones, and counts a new one', async () => {
    const before = await ask('how long does onboarding take?', manager);
    const reached = (reply: typeof before) =>
      reply.table
        ? Number(reply.table.rows[0]![0])
        : Number(/: (\d+) account\(s\) with first value/.exec(reply.headline)![1]);
    const account = await db.prisma.account.findFirstOrThrow({
      where: { status: 'ACTIVE', activities: { none: { kind: 'milestone' } }, contractStart: { lt: testNow } },
    });
    await ask(`milestone ${account.name}: first value: first report delivered`, csm);
    const after = await ask('time to first value', manager);
    expect(reached(after)).toBe(reached(before) + 1);
    if (after.table) expect(after.headline).toMatch(/^Time to first value: median \d+(\.5)? days/);
  });
});
