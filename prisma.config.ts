import { defineConfig } from 'prisma/config';

// The Prisma CLI is only used for `prisma generate` here; migrations run through Tend's own
// offline runner (`tend db migrate`). DATABASE_URL is optional so generate works with none set.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/tend' },
});
