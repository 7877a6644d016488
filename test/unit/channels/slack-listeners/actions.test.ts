import { describe, expect, it } from 'vitest';
import { openForm } from '../../../../src/channels/slack/listeners/actions/open-form.js';
import { runButton } from '../../../../src/channels/slack/listeners/actions/run-button.js';
import { shareAnswer } from '../../../../src/channels/slack/listeners/actions/share-answer.js';
import { fakeClient, listenerContext, recorder, textOf, type Call } from '../../../support/slack-listener-kit.js';

const pressed = (
  value: unknown,
  where: { response_url?: string; channel?: string } = { response_url: 'https://hooks/x', channel: 'C0TEAM' },
) => ({
  body: {
    user: { id: 'U0ALEX', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM' },
    ...(where.channel ? { channel: { id: where.channel } } : {}),
    ...(where.response_url ? { response_url: where.response_url } : {}),
    trigger_id: 'trig-1',
  },
  action: { value: typeof value === 'string' ? value : JSON.stringify(value) },
});

describe('Slack buttons (listeners alone)', () => {
  it('runs the intent a button carries, checked against its schema', async () => {
    const r = recorder();
    const calls: Call[] = [];
    const listener = runButton(listenerContext({ place: 'channel' }));
    await listener({
      ...pressed({ command: 'whoami', call: { intent: 'whoami', args: {} } }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(r.acks).toHaveLength(1);
    expect(textOf(r.responses[0]!)).toContain('you have the csm role');

    await listener({
      ...pressed({ command: 'renewals', call: { intent: 'renewals', args: { days: 'soon' } } }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(textOf(r.responses[1]!)).toContain('That does not look right');
    await listener({
      ...pressed({ command: 'x', call: { intent: 'drop_tables', args: {} } }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(textOf(r.responses[2]!)).toContain('This button no longer works');
  });

  it('still runs buttons on messages posted before buttons carried calls', async () => {
    const r = recorder();
    await runButton(listenerContext())({ ...pressed({ command: 'whoami' }), ...r, client: fakeClient([]) } as never);
    expect(textOf(r.responses[0]!)).toContain('you have the csm role');
  });

  it('answers an App Home button in the person’s DM', async () => {
    const r = recorder();
    const calls: Call[] = [];
    await runButton(listenerContext())({
      ...pressed({ command: 'whoami', call: { intent: 'whoami', args: {} } }, {}),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(r.responses).toEqual([]);
    expect(calls[0]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'U0ALEX' } });
  });

  it('opens a form for the account team, and refuses a read-only viewer', async () => {
    const form = { kind: 'note', accountId: 'a-1', accountName: 'Acme Corp' };
    const calls: Call[] = [];
    const r = recorder();
    await openForm(listenerContext())({
      ...pressed({ command: 'note Acme Corp', form }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(calls[0]).toMatchObject({
      method: 'views.open',
      args: { trigger_id: 'trig-1', view: { callback_id: 'tend_note' } },
    });
    await openForm(listenerContext({ role: 'viewer' }))({
      ...pressed({ command: 'note Acme Corp', form }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(calls).toHaveLength(1);
    expect(textOf(r.responses[0]!)).toContain('read-only');
  });

  it('shares an answer in the channel and removes the private copy', async () => {
    const calls: Call[] = [];
    const r = recorder();
    await shareAnswer(listenerContext({ place: 'channel' }))({
      ...pressed({ command: 'whoami', call: { intent: 'whoami', args: {} } }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(calls[0]).toMatchObject({ method: 'chat.postMessage', args: { channel: 'C0TEAM' } });
    expect(textOf(calls[0]!.args)).toContain('Shared by <@U0ALEX>');
    expect(r.responses).toEqual([{ delete_original: true }]);
  });
});
