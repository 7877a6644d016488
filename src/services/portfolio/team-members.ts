import type { PrismaClient } from '../../db/client.js';

/**
 * The people whose accounts make up a manager's team book: everyone who reports to them, directly
 * or through another manager, and the manager. Empty for someone nobody reports to.
 */
export async function teamOwnerIds(prisma: PrismaClient, managerId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE team AS (
      SELECT id FROM "User" WHERE "managerId" = ${managerId}::uuid
      UNION
      SELECT u.id FROM "User" u JOIN team t ON u."managerId" = t.id
    )
    SELECT id FROM team`;
  return rows.length ? [managerId, ...rows.map((r) => r.id)] : [];
}
