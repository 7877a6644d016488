import type { DbClient } from './db-client.js';

export interface StoredObservation {
  accountId: string;
  metric: string;
  date: string;
  value: number;
}

/** Metric observations of the given accounts on or after `since` (YYYY-MM-DD), one query. */
export async function observationsSince(
  db: DbClient,
  accountIds: string[],
  since: string,
): Promise<StoredObservation[]> {
  if (accountIds.length === 0) return [];
  return db.$queryRaw<StoredObservation[]>`
    SELECT "accountId", "key" AS metric, to_char("date", 'YYYY-MM-DD') AS date, "value"
    FROM "MetricObservation"
    WHERE "accountId" = ANY(${accountIds}::uuid[]) AND "date" >= ${since}::date`;
}

/**
 * The newest observation before `before` of each given metric of each account, one index probe per
 * pair: enough to say since when an account has had no data, without reading its history.
 */
export async function newestBefore(
  db: DbClient,
  accountIds: string[],
  metrics: string[],
  before: string,
): Promise<StoredObservation[]> {
  if (accountIds.length === 0 || metrics.length === 0) return [];
  return db.$queryRaw<StoredObservation[]>`
    SELECT a.id AS "accountId", k.key AS metric, to_char(o."date", 'YYYY-MM-DD') AS date, o."value"
    FROM unnest(${accountIds}::uuid[]) AS a(id)
    CROSS JOIN unnest(${metrics}::text[]) AS k(key)
    JOIN LATERAL (
      SELECT "date", "value" FROM "MetricObservation" m
      WHERE m."accountId" = a.id AND m."key" = k.key AND m."date" < ${before}::date
      ORDER BY m."date" DESC, m."value" LIMIT 1
    ) o ON true`;
}

export interface SurveyAnswer {
  accountId: string;
  surveyType: string;
  score: number;
  receivedAt: Date;
}

/** NPS and CSAT answers of the given accounts received on or after `since`. */
/**
 * Survey scores (NPS, CSAT) and comment sentiment since `since`; sentiment rows come back with
 * surveyType "sentiment" and the -1..1 score, so one list feeds the derived metrics.
 */
export async function surveyAnswersSince(db: DbClient, accountIds: string[], since: Date): Promise<SurveyAnswer[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.feedbackItem.findMany({
    where: {
      accountId: { in: accountIds },
      receivedAt: { gte: since },
      OR: [
        { kind: 'SURVEY', surveyType: { in: ['nps', 'csat'] }, score: { not: null } },
        { sentimentScore: { not: null } },
      ],
    },
    select: { accountId: true, kind: true, surveyType: true, score: true, sentimentScore: true, receivedAt: true },
  });
  return rows.flatMap((r) => [
    ...(r.kind === 'SURVEY' && (r.surveyType === 'nps' || r.surveyType === 'csat') && r.score !== null
      ? [{ accountId: r.accountId, surveyType: r.surveyType, score: r.score, receivedAt: r.receivedAt }]
      : []),
    ...(r.sentimentScore !== null
      ? [{ accountId: r.accountId, surveyType: 'sentiment', score: r.sentimentScore, receivedAt: r.receivedAt }]
      : []),
  ]);
}

export interface ScoringAccount {
  id: string;
  externalId: string;
  name: string;
  tier: string;
  segment: string;
  status: 'ACTIVE' | 'CHURNED';
  healthModelId: string | null;
  renewalDate: Date | null;
  contractStart: Date | null;
  contractEnd: Date | null;
}

/** The fields scoring reads, from an account row read for something else. */
export function scoringAccountOf(row: ScoringAccount): ScoringAccount {
  const { id, externalId, name, tier, segment, status, healthModelId, renewalDate, contractStart, contractEnd } = row;
  return { id, externalId, name, tier, segment, status, healthModelId, renewalDate, contractStart, contractEnd };
}

/** Active accounts (or, for a backfill of history, former customers too). */
export async function scoringAccounts(
  db: DbClient,
  ids?: string[],
  options: { includeChurned?: boolean } = {},
): Promise<ScoringAccount[]> {
  return db.account.findMany({
    where: { ...(options.includeChurned ? {} : { status: 'ACTIVE' as const }), ...(ids ? { id: { in: ids } } : {}) },
    select: {
      id: true,
      externalId: true,
      name: true,
      tier: true,
      segment: true,
      status: true,
      healthModelId: true,
      renewalDate: true,
      contractStart: true,
      contractEnd: true,
    },
    orderBy: { name: 'asc' },
  });
}
