import {
  rankAccounts,
  type ListRequest,
  type RankableAccount,
  type RankedList,
} from '../../core/portfolio/rank-accounts.js';
import type { PrismaClient } from '../../db/client.js';
import { lastTouchpoints, scoresAt } from '../../db/repositories/portfolio.js';
import { rows } from './portfolio-queries.js';
import { inScope, type AccountScope } from '../../core/portfolio/account-scope.js';

export interface ListScope {
  /** The question's scope (owner, region, tier, thresholds...), applied on top. */
  accounts?: AccountScope;
  ownerIds?: string[];
  region?: string;
  segment?: string;
  tier?: string;
}

const dayMs = 86_400_000;
/** The dimension people mean by "usage", whatever the model calls it. */
const usageDimension = /usage|adoption|engagement/i;

function usageScore(dimensions: Record<string, { score: number | null } | undefined> | undefined): number | null {
  if (!dimensions) return null;
  const key = Object.keys(dimensions).find((k) => usageDimension.test(k));
  return key ? (dimensions[key]?.score ?? null) : null;
}

/** Active accounts ranked and filtered as asked, over `periodDays` for changes (default 30). */
export async function listAccounts(
  prisma: PrismaClient,
  request: ListRequest & { periodDays?: number },
  scope: ListScope,
  now: Date,
): Promise<RankedList & { periodDays: number }> {
  const periodDays = request.periodDays ?? 30;
  const owners = scope.ownerIds ? new Set(scope.ownerIds) : undefined;
  const base = (await rows(prisma))
    .filter((a) => !owners || (a.ownerId !== null && owners.has(a.ownerId)))
    .filter((a) => !scope.region || a.region?.toUpperCase() === scope.region.toUpperCase())
    .filter((a) => !scope.segment || a.segment === scope.segment)
    .filter((a) => !scope.tier || a.tier === scope.tier)
    .filter((a) => inScope(a, scope.accounts));
  const needsBefore = request.by === 'drop' || request.by === 'usage' || request.fallingUsage;
  const needsUsage = request.by === 'usage' || request.fallingUsage;
  const [before, current, touches] = await Promise.all([
    needsBefore ? scoresAt(prisma, new Date(now.getTime() - periodDays * dayMs)) : undefined,
    needsUsage ? scoresAt(prisma, now) : undefined,
    request.notContactedDays !== undefined ? lastTouchpoints(prisma, now) : undefined,
  ]);
  const rankable: RankableAccount[] = base.map((a) => ({
    id: a.id,
    name: a.name,
    arr: Number(a.arr),
    currency: a.currency,
    overall: a.overall,
    bandLabel: a.bandLabel,
    atRisk: a.atRisk,
    ownerName: a.ownerName,
    region: a.region,
    segment: a.segment,
    tier: a.tier,
    industry: a.industry,
    ...(before
      ? { healthBefore: before.get(a.id)?.overall ?? null, usageBefore: usageScore(before.get(a.id)?.dimensions) }
      : {}),
    ...(current ? { usageNow: usageScore(current.get(a.id)?.dimensions) } : {}),
    ...(touches ? { lastTouch: touches.get(a.id)?.toISOString() ?? null } : {}),
  }));
  return { ...rankAccounts(rankable, request, now), periodDays };
}
