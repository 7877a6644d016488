import { Prisma, type PrismaClient } from '../../db/client.js';

export interface RememberedSubject {
  intent: string;
  args: Record<string, unknown>;
  /** Account names the answer was about or listed, in order. */
  subjects: string[];
  /** The question's frame as answered (scope, period, grouping), for follow-ups that edit it. */
  frame?: Record<string, unknown>;
}

/** How long a conversation's subject is remembered after its last answer. */
export const memoryMinutes = 30;

/** The subject of the last answer in a conversation, unless it has expired. */
export async function recallSubject(
  prisma: PrismaClient,
  key: string,
  now: Date,
): Promise<RememberedSubject | undefined> {
  const row = await prisma.conversationMemory.findUnique({ where: { key } });
  if (!row || row.expiresAt <= now) return undefined;
  return {
    intent: row.intent,
    args: row.args as Record<string, unknown>,
    subjects: row.subjects,
    ...(row.frame && typeof row.frame === 'object' ? { frame: row.frame as Record<string, unknown> } : {}),
  };
}

/** Keeps what an answer was about; every answer replaces the one before. */
export async function rememberSubject(
  prisma: PrismaClient,
  key: string,
  subject: RememberedSubject,
  now: Date,
): Promise<void> {
  const data = {
    intent: subject.intent,
    args: subject.args as object,
    subjects: subject.subjects.slice(0, 25),
    frame: subject.frame ? (subject.frame as Prisma.InputJsonObject) : Prisma.DbNull,
    expiresAt: new Date(now.getTime() + memoryMinutes * 60_000),
  };
  await prisma.conversationMemory.upsert({ where: { key }, create: { key, ...data }, update: data });
}

/** Forgets expired subjects (the daily pruning job). */
export async function forgetExpiredSubjects(prisma: PrismaClient, now: Date): Promise<number> {
  return (await prisma.conversationMemory.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
