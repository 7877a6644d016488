import { describe, expect, it } from 'vitest';
import { appHomeOpened } from '../../../../src/channels/slack/listeners/home/app-home-opened.js';
import { recordSubmitted } from '../../../../src/channels/slack/listeners/views/record-submitted.js';
import { fakeClient, listenerContext, recorder, textOf, type Call } from '../../../support/slack-listener-kit.js';

const submission = (privateMetadata: string, values: Record<string, unknown> = {}) => ({
  body: { user: { id: 'U0ALEX' }, team: { id: 'T0TEAM' } },
  view: { id: 'V1', private_metadata: privateMetadata, state: { values } },
});

describe('Slack modals and App Home (listeners alone)', () => {
  it('shows an expired form’s error beside its first field', async () => {
    const r = recorder();
    await recordSubmitted(
      listenerContext(),
      'goal',
    )({ ...submission('not json'), ...r, client: fakeClient([]) } as never);
    expect(r.acks).toEqual([{ response_action: 'errors', errors: { title: 'This form has expired; open it again.' } }]);
  });

  it('closes a redelivered submission without saving it again', async () => {
    const r = recorder();
    const calls: Call[] = [];
    const metadata = JSON.stringify({ accountId: 'a-1', accountName: 'Acme Corp' });
    await recordSubmitted(
      listenerContext({}, [false]),
      'note',
    )({
      ...submission(metadata, { note: { text: { value: 'Called' } } }),
      ...r,
      client: fakeClient(calls),
    } as never);
    expect(r.acks).toEqual([undefined]);
    expect(calls).toEqual([]);
  });

  it('refuses a viewer in the form, beside the field', async () => {
    const r = recorder();
    const metadata = JSON.stringify({ accountId: 'a-1', accountName: 'Acme Corp' });
    await recordSubmitted(
      listenerContext({ role: 'viewer' }),
      'note',
    )({
      ...submission(metadata, { note: { text: { value: 'Called' } } }),
      ...r,
      client: fakeClient([]),
    } as never);
    expect(r.acks[0]).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringContaining('read-only') },
    });
  });

  it('publishes the App Home, and only the refusal to an outsider', async () => {
    const calls: Call[] = [];
    await appHomeOpened(listenerContext({ external: true, role: 'none' }))({
      event: { type: 'app_home_opened', user: 'U0GUEST', tab: 'home' },
      body: { team_id: 'T0TEAM' },
      client: fakeClient(calls),
    } as never);
    expect(calls[0]).toMatchObject({ method: 'views.publish', args: { user_id: 'U0GUEST' } });
    expect(textOf(calls[0]!.args)).toContain('Tend answers questions from the account team only.');
    await appHomeOpened(listenerContext())({
      event: { type: 'app_home_opened', user: 'U0ALEX', tab: 'messages' },
      body: { team_id: 'T0TEAM' },
      client: fakeClient(calls),
    } as never);
    expect(calls).toHaveLength(1);
  });
});
