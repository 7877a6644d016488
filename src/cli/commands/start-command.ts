import type { Command } from 'commander';
import { startTend } from '../../app/start-tend.js';
import { runShellChat } from '../../channels/shell/shell-chat.js';
import { createCliContext } from '../cli-context.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Start Tend: HTTP server (Slack, Teams, probes), jobs, and the database (embedded unless DATABASE_URL is set)',
    )
    .option(
      '--no-chat',
      'do not open the terminal chat (it opens when the terminal is interactive and no chat app is configured)',
    )
    .action(async (options: { chat: boolean }) => {
      const { config, logger } = createCliContext();
      const tend = await startTend(config, logger);
      const url = `http://${tend.address.address === '0.0.0.0' ? 'localhost' : tend.address.address}:${tend.address.port}`;
      logger.info(`health: ${url}/healthz, readiness: ${url}/readyz`);
      await new Promise<void>((resolve) => {
        const stop = (reason: string) => {
          logger.info({ reason }, 'shutting down');
          tend.stop().then(resolve, (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exitCode = 1;
            resolve();
          });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
        if (tend.notifiers.TEAMS) logger.info(`Teams: the bot's messaging endpoint is ${url}/api/messages`);
        if (tend.slack)
          logger.info(
            tend.slack.mode === 'socket'
              ? 'Slack: connected in Socket Mode'
              : `Slack: point the app's request URLs at ${url}/slack/events (public HTTPS in production)`,
          );
        // No Slack or Teams app is configured yet: offer the same conversation in this terminal.
        // The embedded database takes one process, so the chat runs inside this one.
        else if (options.chat && process.stdin.isTTY && !tend.notifiers.TEAMS) {
          // Keep the conversation readable: only warnings reach the terminal while it is open, and it
          // starts once the start-up lines have been written.
          logger.level = 'warn';
          setTimeout(() => {
            process.stdout.write(
              `\nTend is running at ${url}. To connect Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README: Connect Slack; docs/slack.md).\n` +
                'Close the chat with "exit" (or Ctrl-C) to stop Tend.\n',
            );
            runShellChat(
              tend.conversation,
              // The person at the terminal runs this installation, so they act as its admin.
              { input: process.stdin, output: process.stdout, actor: { role: 'admin', external: false, place: 'dm' } },
            ).then(
              () => stop('chat ended'),
              (error: unknown) => logger.error({ err: error }, 'terminal chat failed'),
            );
          }, 200);
        } else {
          logger.info(
            'no Slack or Teams credentials are configured; try the terminal chat: tend start (in a terminal) or tend ask "how is Acme doing?"',
          );
        }
      });
    });
}
