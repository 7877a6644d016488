import type { Prisma, PrismaClient } from '../client.js';

/** A Prisma client or an interactive transaction on it; repositories accept either. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
