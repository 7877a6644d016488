import type { PrismaClient } from '../../db/client.js';
import { upsertMetricObservations } from '../../db/repositories/metric-observations.js';
import { longestSupportWindowDays, supportMetrics } from '../../core/support/support-metrics.js';
import { markAccountsFresh } from './account-freshness.js';
import type { SourceRecord } from './sources.js';

export interface SupportTicketInput {
  externalId: string;
  /** The help desk's organization, matched to an account by external id, else by domain. */
  organization: { externalId?: string | null; domains: string[] } | null;
  priority: string | null;
  status: string;
  openedAt: Date;
  solvedAt: Date | null;
  satisfaction: string | null;
}

/**
 * Stores tickets (once each, updated in place) and recomputes the support metrics of the accounts
 * they belong to, over windows ending now. Tickets of organizations no account matches are
 * returned, not stored.
 */
export async function upsertSupportTickets(
  prisma: PrismaClient,
  source: SourceRecord,
  tickets: SupportTicketInput[],
  now: Date,
): Promise<{ stored: number; unmatched: string[]; metrics: number }> {
  const externalIds = [
    ...new Set(tickets.flatMap((t) => (t.organization?.externalId ? [t.organization.externalId] : []))),
  ];
  const domains = [...new Set(tickets.flatMap((t) => t.organization?.domains.map((d) => d.toLowerCase()) ?? []))];
  const accounts = await prisma.account.findMany({
    where: { OR: [{ externalId: { in: externalIds } }, { domains: { hasSome: domains } }] },
    select: { id: true, externalId: true, domains: true },
  });
  const accountOf = (t: SupportTicketInput) => {
    const org = t.organization;
    if (!org) return undefined;
    return (
      accounts.find((a) => org.externalId && a.externalId === org.externalId) ??
      accounts.find((a) => org.domains.some((d) => a.domains.includes(d.toLowerCase())))
    )?.id;
  };
  const unmatched: string[] = [];
  const touched = new Set<string>();
  let metrics = 0;
  await prisma.$transaction(
    async (tx) => {
      for (const t of tickets) {
        const accountId = accountOf(t);
        if (!accountId) {
          unmatched.push(t.externalId);
          continue;
        }
        const data = {
          accountId,
          priority: t.priority,
          status: t.status,
          openedAt: t.openedAt,
          solvedAt: t.solvedAt,
          satisfaction: t.satisfaction,
        };
        await tx.supportTicket.upsert({
          where: { sourceId_externalId: { sourceId: source.id, externalId: t.externalId } },
          create: { sourceId: source.id, externalId: t.externalId, ...data },
          update: data,
        });
        touched.add(accountId);
      }
      const since = new Date(now.getTime() - longestSupportWindowDays * 86_400_000);
      const rows = await tx.supportTicket.findMany({
        where: { accountId: { in: [...touched] }, sourceId: source.id, openedAt: { gt: since } },
        select: { accountId: true, priority: true, openedAt: true, solvedAt: true, satisfaction: true },
      });
      const date = now.toISOString().slice(0, 10);
      const observations = [...touched].flatMap((accountId) =>
        Object.entries(
          supportMetrics(
            rows.filter((r) => r.accountId === accountId),
            now,
          ),
        ).map(([key, value]) => ({
          accountId,
          key,
          date,
          value,
          source: source.name,
        })),
      );
      metrics = observations.length;
      await upsertMetricObservations(tx, observations);
      await markAccountsFresh(tx, [...touched], source.name, now);
    },
    { timeout: 5 * 60_000, maxWait: 60_000 },
  );
  return { stored: tickets.length - unmatched.length, unmatched, metrics };
}
