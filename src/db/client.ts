export { PrismaClient, Prisma } from './generated/client.js';
export type * from './generated/client.js';
export type { PrismaClient as Db } from './generated/client.js';
