import { loadConfig, type Config } from '../config/config.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../db/database.js';
import { createLogger, type Logger } from '../logging/logger.js';

/** What every command needs: configuration read once, a logger, and the database on demand. */
export interface CliContext {
  config: Config;
  logger: Logger;
  out: (line: string) => void;
  withDatabase<T>(run: (db: Database) => Promise<T>, options?: OpenDatabaseOptions): Promise<T>;
}

export function createCliContext(options: { quiet?: boolean } = {}): CliContext {
  const config = loadConfig();
  // Commands print their results; the log only carries warnings unless LOG_LEVEL asks for more.
  const level = options.quiet && config.log.level === 'info' ? 'warn' : config.log.level;
  const logger = createLogger({ level, pretty: config.log.pretty });
  return {
    config,
    logger,
    out: (line) => process.stdout.write(`${line}\n`),
    async withDatabase(run, dbOptions) {
      const db = await openDatabase(config.database, logger, dbOptions);
      try {
        return await run(db);
      } finally {
        await db.close();
      }
    },
  };
}

/** Raised for an expected failure: the message is printed as is, without a stack trace. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
