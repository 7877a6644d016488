import type { Command } from 'commander';
import { startTend } from '../../app/start-tend.js';
import { createCliContext } from '../cli-context.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Start Tend: HTTP server (Slack, Teams, probes), jobs, and the database (embedded unless DATABASE_URL is set)',
    )
    .action(async () => {
      const { config, logger } = createCliContext();
      const tend = await startTend(config, logger);
      const url = `http://${tend.address.address === '0.0.0.0' ? 'localhost' : tend.address.address}:${tend.address.port}`;
      logger.info(`health: ${url}/healthz, readiness: ${url}/readyz`);
      logger.info('no Slack or Teams credentials are configured; chat surfaces arrive with the conversation issues');
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'shutting down');
          tend.stop().then(resolve, (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exitCode = 1;
            resolve();
          });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
