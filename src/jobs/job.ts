import type { Config } from '../config/config.js';
import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logging/logger.js';
import type { AlertNotifiers } from '../services/alerts/alert-notifier.js';

export interface JobDeps {
  prisma: PrismaClient;
  logger: Logger;
  config: Pick<Config, 'alerts' | 'scheduleTimeZone' | 'surveys'> & Partial<Pick<Config, 'connectors'>>;
  /** Chat channels alerts and digests go to; empty when none is configured (alerts still queue). */
  notifiers: AlertNotifiers;
}

/** A scheduled job as data; `run` is a plain function of its dependencies and the time. */
export interface JobDefinition {
  name: string;
  description: string;
  /** Cron expression (5 fields), read in TZ_SCHEDULE's time zone. */
  schedule: string;
  enabled: boolean;
  run(deps: JobDeps, now: Date): Promise<Record<string, unknown>>;
}
