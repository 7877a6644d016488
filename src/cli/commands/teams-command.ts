import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildTeamsPackage } from '../../channels/teams/teams-package.js';
import { CommandError, createCliContext } from '../cli-context.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerTeams(program: Command): void {
  const teams = program.command('teams').description('Set up the Microsoft Teams app');
  teams
    .command('package')
    .description('Build the Teams app package (zip) to upload, with the bot id from TEAMS_APP_ID')
    .requiredOption(
      '--host <host>',
      "Tend's public host name, e.g. tend.example.com (the bot endpoint is https://<host>/api/messages)",
    )
    .option('--out <file.zip>', 'where to write the package', 'tend-teams.zip')
    .option('--app-id <guid>', 'the bot app id (default: TEAMS_APP_ID)')
    .action(async (options: { host: string; out: string; appId?: string }) => {
      const ctx = createCliContext({ quiet: true });
      const appId = options.appId ?? ctx.config.teams?.appId;
      if (!appId) throw new CommandError('No bot app id: set TEAMS_APP_ID (docs/teams.md) or pass --app-id.', 2);
      if (!guid.test(appId)) throw new CommandError(`${appId} is not an app id (a GUID such as 6f1c...-...).`, 2);
      const host = options.host.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
      writeFileSync(options.out, await buildTeamsPackage({ appId, publicHost: host }));
      ctx.out(`Wrote ${options.out}: upload it in Teams (Apps -> Manage your apps -> Upload an app).`);
    });
}
