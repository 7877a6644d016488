/**
 * Seeds the default demo portfolio (seed 42, the one `tend start` seeds) into an embedded database for
 * the fixed day 2026-09-14T09:00:00Z and writes the facts the held-out eval's expectations are computed
 * from (accounts with their stored latest health snapshot, users, outcomes, metrics, feedback,
 * activities) to a JSON file. Nothing here re-implements scoring: health comes from the snapshots the
 * seeding stored.
 *
 *   node --import tsx test/evals/frame/compute/dump-demo.ts /tmp/heldout-demo.json
 */
import { writeFileSync } from 'node:fs';
import { defaultDemoSeed } from '../../../../src/app/start-tend.js';
import { seedDemoPortfolio } from '../../../../src/services/demo/seed-demo-portfolio.js';
import { createTestDatabase } from '../../../support/test-database.js';
import { testNow } from '../../../support/test-clock.js';

const out = process.argv[2] ?? '/tmp/heldout-demo.json';
const db = await createTestDatabase('pglite');
try {
  await seedDemoPortfolio(db.prisma, { seed: defaultDemoSeed, today: testNow });
  const p = db.prisma;
  const users = await p.user.findMany({ include: { manager: { select: { email: true } } } });
  const accounts = await p.account.findMany({ include: { owner: { select: { email: true, name: true } } } });
  const snapshots = await p.healthSnapshot.findMany({
    where: { computedAt: { lte: testNow } },
    select: { accountId: true, computedAt: true, overall: true, band: true },
    orderBy: { computedAt: 'asc' },
  });
  const outcomes = await p.renewalOutcome.findMany({ where: { occurredOn: { lte: testNow } } });
  const metrics = await p.metricObservation.findMany({
    where: {
      date: { lte: testNow },
      key: { in: ['dau_pct', 'seats_active', 'support_tickets', 'expansion_readiness_pct'] },
    },
    select: { accountId: true, key: true, date: true, value: true },
    orderBy: { date: 'asc' },
  });
  const feedback = await p.feedbackItem.findMany({
    where: { receivedAt: { lte: testNow } },
    select: { accountId: true, surveyType: true, score: true, receivedAt: true },
  });
  const activities = await p.activity.findMany({
    where: { occurredAt: { lte: testNow } },
    select: { accountId: true, kind: true, occurredAt: true, title: true },
  });
  const later = await p.feedbackItem.count({ where: { receivedAt: { gt: testNow } } });
  writeFileSync(
    out,
    JSON.stringify(
      {
        now: testNow,
        feedbackAfterNow: later,
        users: users.map((u) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          region: u.region,
          manager: u.manager?.email ?? null,
        })),
        accounts: accounts.map((a) => ({
          id: a.id,
          name: a.name,
          aliases: a.aliases,
          segment: a.segment,
          tier: a.tier,
          region: a.region,
          industry: a.industry,
          lifecycle: a.lifecycleStage,
          owner: a.owner?.email ?? null,
          ownerName: a.owner?.name ?? null,
          sponsor: a.executiveSponsor,
          arr: Number(a.arr),
          currency: a.currency,
          seats: a.seatsLicensed,
          renewal: a.renewalDate?.toISOString().slice(0, 10) ?? null,
          status: a.status,
        })),
        snapshots: snapshots.map((s) => ({ ...s, computedAt: s.computedAt.toISOString() })),
        outcomes: outcomes.map((o) => ({
          accountId: o.accountId,
          kind: o.kind,
          occurredOn: o.occurredOn.toISOString().slice(0, 10),
          arrBefore: o.arrBefore === null ? null : Number(o.arrBefore),
          arrAfter: o.arrAfter === null ? null : Number(o.arrAfter),
          currency: o.currency,
          source: o.source,
        })),
        metrics: metrics.map((m) => ({ ...m, date: m.date.toISOString().slice(0, 10), value: Number(m.value) })),
        feedback: feedback.map((f) => ({ ...f, receivedAt: f.receivedAt.toISOString() })),
        activities: activities.map((a) => ({ ...a, occurredAt: a.occurredAt.toISOString() })),
      },
      null,
      1,
    ),
  );
  console.log(`wrote ${out}: ${accounts.length} accounts, ${snapshots.length} snapshots, ${outcomes.length} outcomes`);
} finally {
  await db.close();
}
