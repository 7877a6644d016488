// The database handle as the layers above services see it: they pass it to use cases and never
// query it themselves (lint keeps Prisma out of conversation and channels).
export type { PrismaClient as Database } from '../db/client.js';
