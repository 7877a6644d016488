import type { PrismaClient } from '../../db/client.js';

export interface AssistantThreadContext {
  channel_id?: string;
  team_id?: string;
  enterprise_id?: string | null;
}

/** Records an assistant thread and the channel in view when it opened or changed. */
export async function saveAssistantThread(
  prisma: PrismaClient,
  key: string,
  userId: string,
  context: AssistantThreadContext,
): Promise<void> {
  const value = { ...context } as object;
  await prisma.assistantThread.upsert({
    where: { key },
    create: { key, userId, context: value },
    update: { userId, context: value },
  });
}

/** The channel context of an assistant thread, if Tend has seen it open. */
export async function assistantThreadContext(prisma: PrismaClient, key: string): Promise<AssistantThreadContext> {
  const row = await prisma.assistantThread.findUnique({ where: { key }, select: { context: true } });
  return (row?.context as AssistantThreadContext | null) ?? {};
}
