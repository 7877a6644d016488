import { WebClient } from '@slack/web-api';
import { slackAlertNotifier } from '../channels/slack/slack-alert-notifier.js';
import { createTeamsAdapter, teamsNotifier } from '../channels/teams/teams-notifier.js';
import type { Config } from '../config/config.js';
import type { PrismaClient } from '../db/client.js';
import type { AlertNotifiers } from '../services/alerts/alert-notifier.js';

/**
 * Chat channels a command can post to without the server running: Slack through its Web API, and
 * Teams through the Bot Framework connector to the conversations the server has stored.
 */
export function notifiersFor(config: Config, prisma: PrismaClient): AlertNotifiers {
  const notifiers: AlertNotifiers = {};
  if (config.slack) {
    const client = new WebClient(config.slack.botToken, {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: { retries: config.slack.apiRetries },
    });
    notifiers.SLACK = slackAlertNotifier(client);
  }
  if (config.teams)
    notifiers.TEAMS = teamsNotifier({ adapter: createTeamsAdapter(config.teams), prisma, config: config.teams });
  return notifiers;
}
