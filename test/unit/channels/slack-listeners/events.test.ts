import { describe, expect, it } from 'vitest';
import { appMention } from '../../../../src/channels/slack/listeners/events/app-mention.js';
import { directMessage } from '../../../../src/channels/slack/listeners/events/direct-message.js';
import { ignoreDuplicateEvents } from '../../../../src/channels/slack/listeners/middleware/ignore-duplicate-events.js';
import { fakeClient, listenerContext, textOf, type Call } from '../../../support/slack-listener-kit.js';

const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  message: { type: 'message', channel_type: 'im', channel: 'D0ALEX', user: 'U0ALEX', text, ts: '1.0', ...extra },
  body: { team_id: 'T0TEAM' },
});

describe('Slack events (listeners alone)', () => {
  it('answers a DM in the DM, in its thread', async () => {
    const calls: Call[] = [];
    await directMessage(listenerContext())({
      ...dm('whoami', { thread_ts: '0.9' }),
      client: fakeClient(calls),
    } as never);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(calls[0]!.args).toMatchObject({ channel: 'D0ALEX', thread_ts: '0.9' });
    expect(textOf(calls[0]!.args)).toContain('you have the csm role');
  });

  it('ignores its own and other bots’ messages, edits and channel messages', async () => {
    const calls: Call[] = [];
    const listener = directMessage(listenerContext());
    for (const extra of [{ bot_id: 'B1' }, { subtype: 'message_changed' }, { channel_type: 'channel' }])
      await listener({ ...dm('whoami', extra), client: fakeClient(calls) } as never);
    expect(calls).toEqual([]);
  });

  it('posts progress for a slow DM and updates that message with the answer', async () => {
    const calls: Call[] = [];
    await directMessage(listenerContext())({ ...dm('portfolio all'), client: fakeClient(calls) } as never);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update']);
    expect(textOf(calls[0]!.args)).toContain('Working on it');
    expect(calls[1]!.args).toMatchObject({ channel: 'D0ALEX', ts: '1.0' });
  });

  it('answers an @mention only to the asker, with a share button', async () => {
    const calls: Call[] = [];
    await appMention(listenerContext({ place: 'channel', userId: 'u-1' }))({
      event: { type: 'app_mention', user: 'U0ALEX', channel: 'C0TEAM', text: '<@U0TEND> whoami', ts: '2.0' },
      body: { team_id: 'T0TEAM' },
      client: fakeClient(calls),
    } as never);
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(calls[0]!.args).toMatchObject({ channel: 'C0TEAM', user: 'U0ALEX' });
    expect(textOf(calls[0]!.args)).toContain('tend_share');
  });

  it('lets the first delivery of an event through and drops a redelivery', async () => {
    const middleware = ignoreDuplicateEvents(listenerContext({}, [true, false]));
    let passed = 0;
    const event = {
      body: { type: 'event_callback', event_id: 'Ev1' },
      context: { retryNum: 1 },
      next: async () => void passed++,
    };
    await middleware(event as never);
    await middleware(event as never);
    expect(passed).toBe(1);
  });
});
