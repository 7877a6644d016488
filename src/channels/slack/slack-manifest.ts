import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';

export const slackManifestPath = join(projectRoot, 'manifests/slack/manifest.json');

interface SlackManifest {
  features: { slash_commands: { command: string; url: string }[] };
  settings: {
    event_subscriptions: { request_url?: string };
    interactivity: { request_url?: string };
    socket_mode_enabled: boolean;
  };
}

/**
 * The app manifest with Tend's public URL (HTTP mode) or Socket Mode filled in, ready to paste
 * into "Create New App -> From an app manifest".
 */
export function slackManifest(options: { publicUrl?: string; socketMode?: boolean; command?: string }): unknown {
  const manifest = JSON.parse(readFileSync(slackManifestPath, 'utf8')) as SlackManifest;
  const endpoint = options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}/slack/events` : undefined;
  for (const c of manifest.features.slash_commands) {
    if (options.command) c.command = options.command;
    if (endpoint) c.url = endpoint;
  }
  if (options.socketMode) {
    manifest.settings.socket_mode_enabled = true;
    delete manifest.settings.event_subscriptions.request_url;
    delete manifest.settings.interactivity.request_url;
    for (const c of manifest.features.slash_commands) delete (c as { url?: string }).url;
  } else if (endpoint) {
    manifest.settings.event_subscriptions.request_url = endpoint;
    manifest.settings.interactivity.request_url = endpoint;
  }
  return manifest;
}

/** Events the Slack app listens to; the manifest must subscribe to each. */
export const slackBotEvents = [
  'app_home_opened',
  'app_mention',
  'assistant_thread_context_changed',
  'assistant_thread_started',
  'message.im',
] as const;

/** Bot scopes for what Tend does in Slack; the manifest must request each. */
export const slackBotScopes: Record<string, string> = {
  'assistant:write': 'the agent view: status while working, suggested prompts',
  commands: 'the /tend slash command',
  'app_mentions:read': '@Tend in channels',
  'im:history': 'direct messages with Tend',
  'chat:write': 'answers, shared answers and alerts',
  'im:write': 'messages to a person (App Home buttons, alerts to owners)',
  'users:read': 'telling guests and other organisations apart (users.info)',
  'users:read.email': 'linking Slack people to Tend users by verified email',
  'channels:read': 'checking whether a public channel is shared with another organisation',
  'groups:read': 'the same for private channels',
  'im:read': 'telling a DM with Tend from other DMs',
  'mpim:read': 'the same for group DMs',
};
