import type { Prisma } from '../client.js';
import type { DbClient } from './db-client.js';

export async function findLlmOutput(db: DbClient, key: string): Promise<unknown> {
  return (await db.llmOutput.findUnique({ where: { key }, select: { value: true } }))?.value;
}

export async function saveLlmOutput(
  db: DbClient,
  entry: { key: string; prompt: string; model: string; value: unknown },
) {
  const value = entry.value as Prisma.InputJsonValue;
  await db.llmOutput.upsert({
    where: { key: entry.key },
    create: { key: entry.key, prompt: entry.prompt, model: entry.model, value },
    update: { value },
  });
}
