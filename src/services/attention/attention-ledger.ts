import { backlogSize, budgetWindowMs, hasRoom, type AttentionTier } from '../../core/attention/attention-budget.js';
import { startOfLocalDay } from '../../core/alerts/quiet-hours.js';
import type { PrismaClient } from '../../db/client.js';

export interface AttentionPolicy {
  /** Proactive messages per person in any 7 days (TEND_ATTENTION_WEEKLY_BUDGET). */
  weeklyBudget: number;
  /** TZ_SCHEDULE: "one digest a day" is a local day. */
  timeZone: string;
}

export type AttentionKind = 'alert' | 'reminder' | 'digest' | 'summary' | 'escalation_digest';

/** Kinds that take a place in the weekly budget; a manager's escalation digest is capped at one a day instead. */
const budgeted: AttentionKind[] = ['alert', 'reminder', 'digest', 'summary'];
const daily: Partial<Record<AttentionKind, AttentionKind[]>> = {
  digest: ['digest', 'summary'],
  summary: ['digest', 'summary'],
  escalation_digest: ['escalation_digest'],
};

/** Messages a person got in the budget window ending at `now` (a quick read, no lock). */
export async function sentInWindow(prisma: PrismaClient, userId: string, now: Date): Promise<number> {
  return prisma.attentionMessage.count({
    where: { userId, kind: { in: budgeted }, sentAt: { gt: new Date(now.getTime() - budgetWindowMs), lte: now } },
  });
}

/**
 * Takes one place of a person's budget for a message about to be sent, or says there is none. The
 * count and the insert run under a lock per person, so two job passes on two replicas never both
 * take the last place. Digests and summaries also hold one a local day; an escalation digest one a
 * day; a routine message none after that day's digest.
 * Returns the place's id (release it when the send fails) or null.
 */
export async function reserveAttention(
  prisma: PrismaClient,
  policy: AttentionPolicy,
  request: { userId: string; kind: AttentionKind; tier: AttentionTier; items?: number },
  now: Date,
): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tend:attention:${request.userId}`}))`;
    // After a person's digest, routine things wait for the next one; after a catch-up summary,
    // everything does: the day stays quiet.
    const sameDay =
      request.kind === 'alert' || request.kind === 'reminder'
        ? request.tier === 'routine'
          ? daily.digest
          : ['summary' as const]
        : daily[request.kind];
    if (sameDay) {
      const today = await tx.attentionMessage.count({
        where: {
          userId: request.userId,
          kind: { in: sameDay },
          sentAt: { gte: startOfLocalDay(now, policy.timeZone), lte: now },
        },
      });
      if (today > 0) return null;
    }
    if (request.kind !== 'escalation_digest') {
      const sent = await tx.attentionMessage.count({
        where: {
          userId: request.userId,
          kind: { in: budgeted },
          sentAt: { gt: new Date(now.getTime() - budgetWindowMs), lte: now },
        },
      });
      if (!hasRoom(request.tier, sent, policy.weeklyBudget)) return null;
    }
    const row = await tx.attentionMessage.create({
      data: { userId: request.userId, kind: request.kind, items: request.items ?? 1, sentAt: now },
      select: { id: true },
    });
    return row.id;
  });
}

/** Gives a place back when its message could not be sent. */
export async function releaseAttention(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.attentionMessage.deleteMany({ where: { id } });
}

/**
 * Whether a pass of `items` things is a backlog for everyone: Tend's first day of speaking (nothing
 * sent before today) and more than a few things at once, as after a first start or a demo seed. Then
 * each person gets one summary, not the first few things alone.
 */
export async function isFirstDayBacklog(
  prisma: PrismaClient,
  policy: AttentionPolicy,
  items: number,
  now: Date,
): Promise<boolean> {
  if (items <= backlogSize) return false;
  const earlier = await prisma.attentionMessage.findFirst({
    where: { sentAt: { lt: startOfLocalDay(now, policy.timeZone) } },
    select: { id: true },
  });
  return !earlier;
}
