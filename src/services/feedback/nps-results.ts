import { themesOf } from '../../core/feedback/theme-taxonomy.js';
import { npsFromScores, type NpsResult } from '../../core/metrics/value-metrics.js';
import { roundTo } from '../../core/scoring/rounding.js';
import type { PrismaClient } from '../../db/client.js';
import { loadThemeTaxonomy } from './feedback-themes.js';

const dayMs = 86_400_000;

export interface NpsResults {
  period: { days: number; from: string; to: string };
  current: NpsResult;
  previous: NpsResult;
  /** NPS points against the previous period of the same length. */
  change: number | null;
  /** NPS surveys Tend sent in the period and how many were answered (null when it sent none). */
  responseRate: { sent: number; answered: number; pct: number } | null;
  /** Themes of the comments left with the answers, most frequent first. */
  themes: { label: string; comments: number }[];
}

import { accountWhere } from './feedback-scope.js';

/** NPS for an account, a segment, a region or everyone over `days`, against the period before. */
export async function npsResults(
  prisma: PrismaClient,
  scope: { accountId?: string; segment?: string; region?: string },
  options: { days: number; now: Date },
): Promise<NpsResults> {
  const to = options.now;
  const from = new Date(to.getTime() - options.days * dayMs);
  const before = new Date(from.getTime() - options.days * dayMs);
  const rows = await prisma.feedbackItem.findMany({
    where: {
      surveyType: 'nps',
      score: { not: null },
      receivedAt: { gt: before, lte: to },
      ...(scope.accountId ? { accountId: scope.accountId } : {}),
      ...accountWhere(scope),
    },
    select: { score: true, text: true, receivedAt: true },
  });
  const current = rows.filter((r) => r.receivedAt > from);
  const previous = rows.filter((r) => r.receivedAt <= from);
  const taxonomy = await loadThemeTaxonomy(prisma);
  const counts = new Map<string, number>();
  for (const r of current)
    for (const key of r.text ? themesOf(r.text, taxonomy) : []) counts.set(key, (counts.get(key) ?? 0) + 1);
  const requests = await prisma.surveyRequest.findMany({
    where: {
      surveyKey: 'nps',
      sentAt: { gt: from, lte: to },
      ...(scope.accountId ? { accountId: scope.accountId } : {}),
      // Survey requests have no account relation: the scope's accounts by id.
      ...(scope.segment || scope.region
        ? {
            accountId: {
              in: (await prisma.account.findMany({ where: accountWhere(scope).account, select: { id: true } })).map(
                (a) => a.id,
              ),
            },
          }
        : {}),
    },
    select: { state: true },
  });
  const answered = requests.filter((r) => r.state === 'ANSWERED').length;
  const now = npsFromScores(current.map((r) => r.score!));
  const then = npsFromScores(previous.map((r) => r.score!));
  return {
    period: { days: options.days, from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) },
    current: { ...now, nps: now.nps === null ? null : roundTo(now.nps, 1) },
    previous: { ...then, nps: then.nps === null ? null : roundTo(then.nps, 1) },
    change: now.nps === null || then.nps === null ? null : roundTo(now.nps - then.nps, 1),
    responseRate: requests.length
      ? { sent: requests.length, answered, pct: Math.round((answered / requests.length) * 100) }
      : null,
    themes: taxonomy.themes
      .filter((t) => counts.has(t.key))
      .map((t) => ({ label: t.label, comments: counts.get(t.key)! }))
      .sort((a, b) => b.comments - a.comments)
      .slice(0, 5),
  };
}
