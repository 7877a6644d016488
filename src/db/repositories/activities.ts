import type { Prisma } from '../client.js';
import type { DbClient } from './db-client.js';

export interface ActivityInput {
  externalId?: string;
  accountId: string;
  kind: string;
  occurredAt: Date;
  title: string;
  details?: Prisma.InputJsonValue;
}

export async function createActivities(db: DbClient, activities: ActivityInput[]): Promise<number> {
  const result = await db.activity.createMany({
    data: activities.map((a) => ({
      externalId: a.externalId ?? null,
      accountId: a.accountId,
      kind: a.kind,
      occurredAt: a.occurredAt,
      title: a.title,
      ...(a.details === undefined ? {} : { details: a.details }),
    })),
    skipDuplicates: true,
  });
  return result.count;
}
