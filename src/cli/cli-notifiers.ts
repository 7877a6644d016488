import { WebClient } from '@slack/web-api';
import { slackAlertNotifier } from '../channels/slack/slack-alert-notifier.js';
import type { Config } from '../config/config.js';
import type { AlertNotifiers } from '../services/alerts/alert-notifier.js';

/**
 * Chat channels a command can post to without the server running: Slack through its Web API.
 * (Teams posts through the running server's adapter.)
 */
export function notifiersFor(config: Config): AlertNotifiers {
  if (!config.slack) return {};
  const client = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: config.slack.apiRetries },
  });
  return { SLACK: slackAlertNotifier(client) };
}
