import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';
import { requiredBotScopes, slackScopeReasons } from './slack-method-scopes.js';

export const slackManifestPath = join(projectRoot, 'manifests/slack/manifest.json');

interface SlackManifest {
  oauth_config: { scopes: { bot: string[] } };
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
  // The scopes come from the calls Tend makes, never from a list that can drift from them.
  manifest.oauth_config.scopes.bot = requiredBotScopes();
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

/** Bot scopes for what Tend does in Slack, derived from the Web API methods it calls and its events. */
export const slackBotScopes: Record<string, string> = Object.fromEntries(
  requiredBotScopes().map((scope) => [scope, slackScopeReasons[scope] ?? '']),
);
