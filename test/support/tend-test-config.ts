import { loadConfig, type AlertConfig, type Config } from '../../src/config/config.js';
import type { TestDatabase } from './test-database.js';

/**
 * Tend's configuration for a test server on `db`: any free port, migrations already applied, no
 * scheduler (tests run jobs themselves), plus the settings a test adds.
 */
export function testTendConfig(db: TestDatabase, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DATABASE_POOL_MAX: db.kind === 'pglite' ? '1' : '4',
      TEND_MIGRATE_ON_START: 'false',
      TEND_JOBS_ENABLED: 'false',
      ...env,
    },
    { envFile: false },
  );
}

/** Alert policy for job tests: the defaults, spelled out so a test reads its own numbers. */
export const testAlertsConfig: AlertConfig = {
  weeklyBudget: 8,
  dailyCap: 10,
  cooldownHours: 72,
  dropPoints: 15,
  dropDays: 7,
  escalateAfterHours: 24,
  actionWindowHours: 48,
};
