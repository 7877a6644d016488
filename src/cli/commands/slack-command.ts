import type { Command } from 'commander';
import { slackManifest } from '../../channels/slack/slack-manifest.js';
import { CommandError, createCliContext } from '../cli-context.js';

export function registerSlack(program: Command): void {
  const slack = program.command('slack').description('Set up the Slack app');
  slack
    .command('manifest')
    .description('Print the Slack app manifest with your URL filled in (paste it into api.slack.com/apps)')
    .option('--url <public-url>', "Tend's public HTTPS address, e.g. https://tend.example.com")
    .option('--socket', 'Socket Mode: no public URL needed (set SLACK_APP_TOKEN)')
    .option('--command <name>', 'slash command name', '/tend')
    .action((options: { url?: string; socket?: boolean; command: string }) => {
      const ctx = createCliContext({ quiet: true });
      if (!options.url && !options.socket)
        throw new CommandError('Give --url https://<your Tend address> (HTTP mode) or --socket (Socket Mode).', 2);
      if (options.url && !/^https:\/\//.test(options.url))
        throw new CommandError(`--url ${options.url}: Slack only calls https:// addresses.`, 2);
      ctx.out(
        JSON.stringify(
          slackManifest({
            ...(options.url ? { publicUrl: options.url } : {}),
            socketMode: options.socket === true,
            command: options.command,
          }),
          null,
          2,
        ),
      );
    });
}
