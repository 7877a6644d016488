import { daysUntil, isoDay } from '../../core/lifecycle/calendar.js';
import { arrByBand } from '../../core/metrics/value-metrics.js';
import { isAtRiskBand } from '../../core/scoring/at-risk.js';
import { insufficientBandKey } from '../../core/scoring/data-sufficiency.js';
import type { PrismaClient } from '../../db/client.js';
import { accountsWithLatestScore, type AccountWithLatestScore } from '../../db/repositories/portfolio.js';
import { loadPresetCatalogue } from '../scoring/preset-catalogue.js';
import { groupBy } from '../../core/collections/group-by.js';
import { inScope, type AccountScope } from '../../core/portfolio/account-scope.js';

export interface ScoredAccountRow extends AccountWithLatestScore {
  /** Null when not scored yet or when the latest state is "not enough data". */
  bandLabel: string | null;
  atRisk: boolean;
  /** The latest state is "not enough data to score". */
  insufficientData: boolean;
}

export async function rows(prisma: PrismaClient): Promise<ScoredAccountRow[]> {
  const catalogue = await loadPresetCatalogue(prisma);
  const accounts = await accountsWithLatestScore(prisma);
  return accounts.map((a) => {
    if (a.band === insufficientBandKey) return { ...a, bandLabel: null, atRisk: false, insufficientData: true };
    const band =
      a.modelId && a.band ? catalogue.presets.get(a.modelId)?.model?.bands.find((b) => b.key === a.band) : undefined;
    return {
      ...a,
      bandLabel: band?.label ?? a.band,
      atRisk: band ? isAtRiskBand(band) : false,
      insufficientData: false,
    };
  });
}

export interface AtRiskFilter {
  segment?: string;
  tier?: string;
  region?: string;
  ownerId?: string;
  /** The question's scope (owner, region, tier, thresholds...), applied on top. */
  scope?: AccountScope;
}

/** Active accounts whose latest score is in an at-risk band, lowest first, then by name (so pages neither repeat nor skip one). */
export async function listAtRisk(prisma: PrismaClient, filter: AtRiskFilter): Promise<ScoredAccountRow[]> {
  return (await rows(prisma))
    .filter((a) => a.atRisk)
    .filter((a) => !filter.segment || a.segment === filter.segment)
    .filter((a) => !filter.tier || a.tier === filter.tier)
    .filter((a) => !filter.region || a.region?.toUpperCase() === filter.region.toUpperCase())
    .filter((a) => !filter.ownerId || a.ownerId === filter.ownerId)
    .filter((a) => inScope(a, filter.scope))
    .sort((a, b) => (a.overall ?? 0) - (b.overall ?? 0) || a.name.localeCompare(b.name));
}

/** Active accounts renewing within `days` of `now`, soonest first (then by name), with their latest health. */
export async function listRenewals(
  prisma: PrismaClient,
  options: { days: number; now: Date; ownerId?: string; scope?: AccountScope },
): Promise<(ScoredAccountRow & { daysToRenewal: number })[]> {
  return (await rows(prisma))
    .filter((a) => a.renewalDate && (!options.ownerId || a.ownerId === options.ownerId))
    .filter((a) => inScope(a, options.scope))
    .map((a) => ({ ...a, daysToRenewal: daysUntil(isoDay(a.renewalDate!), options.now) }))
    .filter((a) => a.daysToRenewal >= 0 && a.daysToRenewal <= options.days)
    .sort((a, b) => a.daysToRenewal - b.daysToRenewal || a.name.localeCompare(b.name));
}

export interface PortfolioSummary {
  accounts: number;
  scored: number;
  /** Accounts whose latest state is "not enough data to score" (not in any band, never at risk). */
  insufficientData: number;
  byBand: { band: string; count: number }[];
  atRisk: number;
  arrByBand: Record<string, Record<string, string>>;
  renewalsIn90Days: number;
  atRiskRenewalsIn90Days: number;
  /** Per account owner (a manager's per-CSM view), most at risk first. */
  byOwner: { owner: string; accounts: number; atRisk: number; insufficientData: number }[];
}

export async function portfolioSummary(
  prisma: PrismaClient,
  options: { now: Date; ownerId?: string; ownerIds?: string[]; scope?: AccountScope },
): Promise<PortfolioSummary> {
  const owners = options.ownerIds ? new Set(options.ownerIds) : undefined;
  const all = (await rows(prisma))
    .filter((a) => inScope(a, options.scope))
    .filter((a) => !options.ownerId || a.ownerId === options.ownerId)
    .filter((a) => !owners || (a.ownerId !== null && owners.has(a.ownerId)));
  const scored = all.filter((a) => a.bandLabel);
  const counts = new Map<string, number>();
  for (const a of scored) counts.set(a.bandLabel!, (counts.get(a.bandLabel!) ?? 0) + 1);
  const renewing = all.filter((a) => {
    const days = a.renewalDate ? daysUntil(isoDay(a.renewalDate), options.now) : -1;
    return days >= 0 && days <= 90;
  });
  return {
    accounts: all.length,
    scored: scored.length,
    insufficientData: all.filter((a) => a.insufficientData).length,
    byBand: [...counts].map(([band, count]) => ({ band, count })).sort((a, b) => b.count - a.count),
    atRisk: scored.filter((a) => a.atRisk).length,
    arrByBand: arrByBand(scored.map((a) => ({ arr: a.arr, currency: a.currency, band: a.bandLabel! }))),
    renewalsIn90Days: renewing.length,
    atRiskRenewalsIn90Days: renewing.filter((a) => a.atRisk).length,
    byOwner: [...groupBy(all, (a) => a.ownerName ?? 'nobody')]
      .map(([owner, accounts]) => ({
        owner,
        accounts: accounts.length,
        atRisk: accounts.filter((a) => a.atRisk).length,
        insufficientData: accounts.filter((a) => a.insufficientData).length,
      }))
      .sort((a, b) => b.atRisk - a.atRisk || b.accounts - a.accounts || a.owner.localeCompare(b.owner)),
  };
}

export interface Book {
  accounts: ScoredAccountRow[];
  openAlerts: { accountName: string; title: string; severity: string; openedAt: Date }[];
  renewals: (ScoredAccountRow & { daysToRenewal: number })[];
}

/** One person's book for their home view: accounts (worst first), open alerts, renewals due. */
export async function bookOf(
  prisma: PrismaClient,
  options: { ownerId: string; now: Date; renewalDays: number },
): Promise<Book> {
  const accounts = (await rows(prisma))
    .filter((a) => a.ownerId === options.ownerId)
    .sort((a, b) => (a.overall ?? 101) - (b.overall ?? 101));
  const alerts = await prisma.alert.findMany({
    where: { state: 'OPEN', account: { ownerId: options.ownerId } },
    orderBy: [{ severity: 'desc' }, { openedAt: 'desc' }],
    take: 20,
    select: { title: true, severity: true, openedAt: true, account: { select: { name: true } } },
  });
  return {
    accounts,
    openAlerts: alerts.map((a) => ({
      accountName: a.account.name,
      title: a.title,
      severity: a.severity,
      openedAt: a.openedAt,
    })),
    renewals: accounts
      .filter((a) => a.renewalDate)
      .map((a) => ({ ...a, daysToRenewal: daysUntil(isoDay(a.renewalDate!), options.now) }))
      .filter((a) => a.daysToRenewal >= 0 && a.daysToRenewal <= options.renewalDays)
      .sort((a, b) => a.daysToRenewal - b.daysToRenewal),
  };
}

/** How many active accounts a person owns (or everyone, without an owner). */
export async function activeAccountCount(prisma: PrismaClient, ownerId?: string): Promise<number> {
  return prisma.account.count({ where: { status: 'ACTIVE', ...(ownerId ? { ownerId } : {}) } });
}
