import type { PrismaClient } from '../../db/client.js';

/** Stores a helpful / not helpful vote; a second press by the same person on the same answer replaces it. */
export async function recordAnswerFeedback(
  prisma: PrismaClient,
  vote: { intent: string; helpful: boolean; voter: string; channel: string; messageTs: string },
): Promise<void> {
  await prisma.answerFeedback.upsert({
    where: { voter_channel_messageTs: { voter: vote.voter, channel: vote.channel, messageTs: vote.messageTs } },
    create: vote,
    update: { helpful: vote.helpful, intent: vote.intent },
  });
}

/** Votes since a moment: the weekly digest reports them. */
export async function answerFeedbackSince(
  prisma: PrismaClient,
  since: Date,
): Promise<{ helpful: number; notHelpful: number }> {
  const rows = await prisma.answerFeedback.groupBy({
    by: ['helpful'],
    where: { createdAt: { gte: since } },
    _count: true,
  });
  return {
    helpful: rows.find((r) => r.helpful)?._count ?? 0,
    notHelpful: rows.find((r) => !r.helpful)?._count ?? 0,
  };
}
