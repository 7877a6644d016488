import { defineConfig } from 'vitest/config';

// Four projects, runnable alone: `unit` (no I/O), `db` (PGlite always, PostgreSQL when
// TEND_TEST_POSTGRES_URL is set), `evals` (routing scored against thresholds) and `e2e` (the real
// CLI and HTTP server in child processes).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'db',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // Routing evals: recorded model choices replayed through a local fake server, and the rules alone.
      { test: { name: 'evals', include: ['test/evals/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
