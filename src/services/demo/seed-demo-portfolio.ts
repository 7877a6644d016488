import type { PrismaClient } from '../../db/client.js';
import { seedPlayHistory } from './seed-play-history.js';
import { createActivities } from '../../db/repositories/activities.js';
import { countAccounts, findAccountIdsByExternalId } from '../../db/repositories/accounts.js';
import { findUserIdsByEmail } from '../../db/repositories/users.js';
import { createSuccessPlan } from '../../db/repositories/success-plans.js';
import type { ParsedRow } from '../import/parse-csv.js';
import {
  planAccounts,
  planContacts,
  planFeedback,
  planMetrics,
  planUsers,
  type ImportPlan,
} from '../import/import-plans.js';
import { insertSnapshots } from '../../db/repositories/health-snapshots.js';
import { deriveChurnOutcomes } from '../outcomes/derive-churn-outcomes.js';
import { recordOutcomes } from '../outcomes/record-outcomes.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { recomputeHealth, snapshotOf } from '../scoring/recompute-health.js';
import { generateDemoPortfolio, type DemoPortfolio } from './generate-demo-portfolio.js';
import { generateOutcomeHistory } from './generate-outcome-history.js';
import { lastCompletedQuarter } from '../../core/qbr/quarter.js';

const weekMs = 7 * 86_400_000;

/**
 * How many weekly snapshots the demo scores by default: every week from the start of the last
 * completed quarter to the demo's day, so a QBR of that quarter or of the running one has a weekly
 * trend for every week. Never after the demo's day.
 */
export function defaultHistoryWeeks(today: Date): number {
  return Math.floor((today.getTime() - lastCompletedQuarter(today).from.getTime()) / weekMs) + 1;
}

export interface SeedResult {
  snapshots: number;
  users: number;
  accounts: number;
  contacts: number;
  metrics: number;
  feedback: number;
  activities: number;
  successPlans: number;
  /** The renewal history: former customers, outcomes, and the snapshots before each outcome. */
  formerAccounts: number;
  outcomes: number;
  /** Past trigger cases with or without a play run, for `tend plays report`. */
  playCases: number;
  historySnapshots: number;
  ms: number;
}

export class DatabaseNotEmptyError extends Error {
  constructor(accounts: number) {
    super(
      `The database already holds ${accounts} accounts; the demo portfolio is only added to an empty one. Use --force to add or refresh it anyway.`,
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

const asRows = <T>(rows: T[]): ParsedRow<T>[] => rows.map((row, i) => ({ line: i + 2, row }));

/** Writes the demo portfolio in one transaction through the same plans as CSV imports. */
export async function seedDemoPortfolio(
  prisma: PrismaClient,
  options: {
    seed: number;
    today: Date;
    force?: boolean;
    accounts?: number;
    /** Weekly snapshots up to the demo's day (default: back to the start of the last completed quarter). */
    historyWeeks?: number;
    /** Eighteen months of renewals and churn with the scores before them (default on). */
    outcomeHistory?: boolean;
  },
): Promise<SeedResult> {
  const started = Date.now();
  const existing = await countAccounts(prisma);
  if (existing > 0 && !options.force) throw new DatabaseNotEmptyError(existing);
  const demo = generateDemoPortfolio({ seed: options.seed, today: options.today, accounts: options.accounts });
  await prisma.$transaction(
    async (tx) => {
      const run = async (plan: ImportPlan) => {
        if (plan.problems.length > 0) {
          throw new Error(
            `demo data failed its own checks: ${plan.problems
              .slice(0, 3)
              .map((p) => p.message)
              .join('; ')}`,
          );
        }
        await plan.write(tx);
      };
      await run(await planUsers(tx, asRows(demo.users)));
      await run(await planAccounts(tx, asRows(demo.accounts)));
      await run(await planContacts(tx, asRows(demo.contacts)));
      await run(await planMetrics(tx, asRows(demo.metrics)));
      await run(await planFeedback(tx, asRows(demo.feedback)));
      const accountIds = await findAccountIdsByExternalId(
        tx,
        demo.accounts.map((a) => a.external_id),
      );
      await createActivities(
        tx,
        demo.activities.map((a) => ({
          externalId: a.externalId,
          accountId: accountIds.get(a.accountExternalId)!,
          kind: a.kind,
          occurredAt: new Date(a.occurredAt),
          title: a.title,
        })),
      );
      const owners = await findUserIdsByEmail(
        tx,
        demo.users.map((u) => u.email),
      );
      const withPlans = new Set(
        (await tx.successPlan.findMany({ select: { accountId: true } })).map((p) => p.accountId),
      );
      for (const plan of demo.successPlans) {
        const accountId = accountIds.get(plan.accountExternalId)!;
        if (withPlans.has(accountId)) continue;
        await createSuccessPlan(tx, {
          accountId,
          title: plan.title,
          startsOn: new Date(`${plan.startsOn}T00:00:00Z`),
          endsOn: new Date(`${plan.endsOn}T00:00:00Z`),
          goals: plan.goals.map((g) => ({
            title: g.title,
            kpi: g.kpi,
            unit: g.unit,
            baseline: g.baseline,
            target: g.target,
            current: g.current,
            ownerId: owners.get(g.ownerEmail),
            evidence: g.evidence,
            dueDate: new Date(`${g.dueDate}T00:00:00Z`),
            reviewCadence: g.reviewCadence,
            // The recorded status agrees with the figures: below the baseline is at risk, not on track.
            status: g.current >= g.target ? 'ACHIEVED' : g.current < g.baseline ? 'AT_RISK' : 'ON_TRACK',
          })),
        });
      }
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  const historyWeeks = options.historyWeeks ?? defaultHistoryWeeks(options.today);
  // The weekly snapshots are the scores of those weeks: earlier renewal-history scores of the same
  // weeks would give one week two scores from two sources.
  const weeklyFrom = new Date(options.today.getTime() - (historyWeeks - 1) * weekMs);
  const history =
    options.outcomeHistory === false
      ? undefined
      : await seedOutcomeHistory(prisma, demo, { ...options, ...(historyWeeks > 0 ? { weeklyFrom } : {}) });
  const playCases =
    options.outcomeHistory === false ? 0 : await seedPlayHistory(prisma, { seed: options.seed, today: options.today });
  // Weekly snapshots over the last weeks, so the demo can answer "why did it move?" and show trends
  // from its first minute.
  let snapshots = 0;
  for (let week = historyWeeks - 1; week >= 0; week--) {
    const at = new Date(options.today.getTime() - week * weekMs);
    snapshots += (await recomputeHealth(prisma, { now: at, mode: 'all' })).scored;
  }
  return {
    snapshots,
    users: demo.users.length,
    accounts: demo.accounts.length,
    contacts: demo.contacts.length,
    metrics: demo.metrics.length,
    feedback: demo.feedback.length,
    activities: demo.activities.length,
    successPlans: demo.successPlans.length,
    formerAccounts: history?.formerAccounts ?? 0,
    outcomes: history?.outcomes ?? 0,
    historySnapshots: history?.snapshots ?? 0,
    playCases,
    ms: Date.now() - started,
  };
}

/**
 * Eighteen months of renewals and churn in which outcomes follow hidden causes (see
 * generate-outcome-history.ts), with the scores before each, so `tend backtest` and `tend calibrate`
 * have a history to work on from the first start.
 */
async function seedOutcomeHistory(
  prisma: PrismaClient,
  demo: DemoPortfolio,
  options: { seed: number; today: Date; weeklyFrom?: Date },
): Promise<{ formerAccounts: number; outcomes: number; snapshots: number }> {
  const catalogue = await loadPresetCatalogue(prisma);
  const history = generateOutcomeHistory({
    seed: options.seed,
    today: options.today,
    model: catalogue.get(catalogue.profile.model).model!,
    active: demo.accounts
      .filter((a) => a.status === 'active')
      .map((a) => ({
        externalId: a.external_id,
        arr: Number(a.arr),
        currency: a.currency,
        contractStart: a.contract_start ?? null,
        renewalDate: a.renewal_date ?? null,
      })),
    ownerEmails: demo.users.filter((u) => u.role === 'csm').map((u) => u.email),
    takenNames: demo.accounts.map((a) => a.name),
  });
  const active = new Set(demo.accounts.map((a) => a.external_id));
  const weeklyFrom = options.weeklyFrom?.getTime() ?? Infinity;
  const kept = history.snapshots.filter(
    (s) => !active.has(s.accountExternalId) || Date.parse(s.score.computedAt) < weeklyFrom - weekMs,
  );
  await prisma.$transaction(
    async (tx) => {
      const plan = await planAccounts(tx, asRows(history.formerAccounts));
      if (plan.problems.length) throw new Error(`demo history failed its own checks: ${plan.problems[0]!.message}`);
      await plan.write(tx);
      const ids = await findAccountIdsByExternalId(tx, [...new Set(history.outcomes.map((o) => o.accountExternalId))]);
      await recordOutcomes(
        tx,
        history.outcomes.map((o) => ({ ...o, accountId: ids.get(o.accountExternalId)!, source: 'demo' })),
      );
      await insertSnapshots(
        tx,
        kept.map((s) => snapshotOf(ids.get(s.accountExternalId)!, s.score)),
      );
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  await deriveChurnOutcomes(prisma, options.today);
  return {
    formerAccounts: history.formerAccounts.length,
    outcomes: history.outcomes.length,
    snapshots: kept.length,
  };
}
