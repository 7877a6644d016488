/**
 * The bot scopes each Slack Web API method Tend calls needs, as Slack documents them
 * (api.slack.com/methods/<method>, "Required scopes"). The manifest's scopes are derived from this
 * table and the events Tend subscribes to, and a test checks every method the Slack app actually
 * calls against it, so a new call without its scope fails the build instead of failing in a real
 * workspace with only a warning in the log.
 *
 * Where a method takes one scope per conversation type (conversations.info), every type Tend may
 * meet is listed: Tend reads public and private channels, DMs and group DMs.
 */
export const slackMethodScopes: Record<string, readonly string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.startStream': ['chat:write'],
  'chat.appendStream': ['chat:write'],
  'chat.stopStream': ['chat:write'],
  'assistant.threads.setStatus': ['assistant:write'],
  'assistant.threads.setSuggestedPrompts': ['assistant:write'],
  'assistant.threads.setTitle': ['assistant:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.members': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.open': ['im:write'],
  // The email in the profile needs users:read.email besides users:read; Tend links people by it.
  'users.info': ['users:read', 'users:read.email'],
  'views.open': [],
  'views.publish': [],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  // Socket Mode: the app-level token's connections:write, not a bot scope.
  'apps.connections.open': [],
};

/** Bot scopes the events Tend subscribes to and its slash command need (api.slack.com/events/<event>). */
export const slackEventScopes: Record<string, readonly string[]> = {
  app_home_opened: [],
  app_mention: ['app_mentions:read'],
  assistant_thread_context_changed: ['assistant:write'],
  assistant_thread_started: ['assistant:write'],
  'message.im': ['im:history'],
  '/tend': ['commands'],
};

/** Why Tend asks for each scope, for docs/slack.md and the admin who installs it. */
export const slackScopeReasons: Record<string, string> = {
  'assistant:write': 'the agent view: status while working, suggested prompts',
  commands: 'the /tend slash command',
  'app_mentions:read': '@Tend in channels',
  'im:history': 'direct messages with Tend',
  'chat:write': 'answers (streamed in the agent view), shared answers and alerts',
  'im:write': 'messages to a person (App Home buttons, alerts to owners)',
  'users:read': 'telling guests and other organisations apart (users.info)',
  'users:read.email': 'linking Slack people to Tend users and client contacts by verified email',
  'channels:read': 'checking whether a public channel is shared with another organisation',
  'groups:read': 'the same for private channels',
  'im:read': 'telling a DM with Tend from other DMs',
  'mpim:read': 'the same for group DMs',
  'files:write': 'trend charts under answers in DMs and the agent view',
};

/** Every bot scope the calls and events above need, sorted. */
export function requiredBotScopes(): string[] {
  const all = [...Object.values(slackMethodScopes), ...Object.values(slackEventScopes)].flat();
  return [...new Set(all)].sort();
}
