import type { Prisma } from '../client.js';
import type { DbClient } from './db-client.js';

export async function readSetting(db: DbClient, key: string): Promise<unknown> {
  const row = await db.setting.findUnique({ where: { key } });
  return row?.value ?? undefined;
}

export async function readSettings(db: DbClient, keys: string[]): Promise<Map<string, unknown>> {
  const rows = await db.setting.findMany({ where: { key: { in: keys } } });
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(db: DbClient, key: string, value: unknown): Promise<void> {
  const json = value as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}
