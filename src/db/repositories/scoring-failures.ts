import type { DbClient } from './db-client.js';

/** Records the accounts a scoring run could not score, and clears those it scored. */
export async function recordScoringOutcome(
  db: DbClient,
  scored: string[],
  failed: { accountId: string; error: string }[],
  at: Date,
): Promise<void> {
  if (scored.length) await db.scoringFailure.deleteMany({ where: { accountId: { in: scored } } });
  for (const f of failed)
    await db.scoringFailure.upsert({
      where: { accountId: f.accountId },
      create: { accountId: f.accountId, error: f.error.slice(0, 500), failedAt: at },
      update: { error: f.error.slice(0, 500), failedAt: at },
    });
}

/** Active accounts whose last scoring failed, with why, by name. */
export async function scoringFailures(db: DbClient): Promise<{ name: string; error: string; failedAt: Date }[]> {
  const rows = await db.scoringFailure.findMany({
    where: { account: { status: 'ACTIVE' } },
    select: { error: true, failedAt: true, account: { select: { name: true } } },
    orderBy: { account: { name: 'asc' } },
  });
  return rows.map((r) => ({ name: r.account.name, error: r.error, failedAt: r.failedAt }));
}
