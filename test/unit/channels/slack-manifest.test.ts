import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  slackBotEvents,
  slackBotScopes,
  slackManifest,
  slackManifestPath,
} from '../../../src/channels/slack/slack-manifest.js';
import {
  requiredBotScopes,
  slackEventScopes,
  slackScopeReasons,
} from '../../../src/channels/slack/slack-method-scopes.js';

type Manifest = {
  oauth_config: { scopes: { bot: string[] } };
  features: { slash_commands: { command: string; url?: string }[]; app_home: { home_tab_enabled: boolean } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
};

describe('Slack app manifest', () => {
  it('requests exactly the scopes and events Tend uses, with one URL for everything', () => {
    const m = slackManifest({ publicUrl: 'https://tend.acme.io/' }) as Manifest;
    expect(new Set(m.oauth_config.scopes.bot)).toEqual(new Set(Object.keys(slackBotScopes)));
    expect(new Set(m.settings.event_subscriptions.bot_events)).toEqual(new Set(slackBotEvents));
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    const url = 'https://tend.acme.io/slack/events';
    expect(m.settings.event_subscriptions.request_url).toBe(url);
    expect(m.settings.interactivity.request_url).toBe(url);
    expect(m.features.slash_commands).toEqual([expect.objectContaining({ command: '/tend', url })]);
  });

  it('derives its scopes from the methods and events Tend uses, and the checked-in manifest agrees', () => {
    // The chart uploads (files.getUploadURLExternal / completeUploadExternal) need files:write.
    expect(requiredBotScopes()).toContain('files:write');
    for (const event of slackBotEvents) expect(slackEventScopes).toHaveProperty([event]);
    const checkedIn = JSON.parse(readFileSync(slackManifestPath, 'utf8')) as Manifest;
    expect(checkedIn.oauth_config.scopes.bot).toEqual(requiredBotScopes());
    // Every scope says why it is asked for (docs/slack.md lists them).
    for (const scope of requiredBotScopes()) expect(slackScopeReasons[scope], scope).toBeTruthy();
    const docs = readFileSync(new URL('../../../docs/slack.md', import.meta.url), 'utf8');
    for (const scope of requiredBotScopes()) expect(docs, `docs/slack.md names ${scope}`).toContain(`\`${scope}\``);
  });

  it('drops request URLs in Socket Mode', () => {
    const m = slackManifest({ socketMode: true, command: '/cs' }) as Manifest;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.event_subscriptions.request_url).toBeUndefined();
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/cs' });
    expect(m.features.slash_commands[0]!.url).toBeUndefined();
  });
});
