import type { PrismaClient } from '../../db/client.js';

/** Stores a helpful / not helpful vote; a second press by the same person on the same answer replaces it. */
export async function recordAnswerFeedback(
  prisma: PrismaClient,
  vote: { intent: string; helpful: boolean; voter: string; channel: string; messageTs: string; comment?: string },
): Promise<void> {
  const comment = vote.comment?.trim().slice(0, 2000) || null;
  await prisma.answerFeedback.upsert({
    where: { voter_channel_messageTs: { voter: vote.voter, channel: vote.channel, messageTs: vote.messageTs } },
    create: { ...vote, comment },
    update: { helpful: vote.helpful, intent: vote.intent, comment },
  });
}

/** Remembers which intent wrote a message whose feedback buttons will name only the message. */
export async function recordAnsweredMessage(
  prisma: PrismaClient,
  answer: { conversationKey: string; messageId: string; intent: string },
): Promise<void> {
  await prisma.answeredMessage.upsert({
    where: { conversationKey_messageId: { conversationKey: answer.conversationKey, messageId: answer.messageId } },
    create: answer,
    update: { intent: answer.intent },
  });
}

/** The intent that wrote a message, or 'unknown' once it has been forgotten. */
export async function answeredIntent(
  prisma: PrismaClient,
  conversationKey: string,
  messageId: string,
): Promise<string> {
  const row = await prisma.answeredMessage.findUnique({
    where: { conversationKey_messageId: { conversationKey, messageId } },
    select: { intent: true },
  });
  return row?.intent ?? 'unknown';
}

/** Forgets which intent wrote old answers (the daily pruning job); votes on them are kept. */
export async function forgetAnsweredMessages(prisma: PrismaClient, before: Date): Promise<number> {
  return (await prisma.answeredMessage.deleteMany({ where: { createdAt: { lt: before } } })).count;
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
