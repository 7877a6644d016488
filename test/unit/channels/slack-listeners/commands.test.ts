import { describe, expect, it } from 'vitest';
import { tendCommand } from '../../../../src/channels/slack/listeners/commands/tend-command.js';
import { listenerContext, recorder, textOf } from '../../../support/slack-listener-kit.js';

const command = (text: string, channel = 'D0ALEX') =>
  ({ text, user_id: 'U0ALEX', team_id: 'T0TEAM', channel_id: channel }) as never;

describe('/tend (listener alone)', () => {
  it('acknowledges at once, then answers in the DM for everyone there', async () => {
    const r = recorder();
    await tendCommand(listenerContext())({ command: command('whoami'), ack: r.ack, respond: r.respond } as never);
    expect(r.acks).toEqual([undefined]);
    expect(r.responses).toHaveLength(1);
    expect(r.responses[0]).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(textOf(r.responses[0]!)).toContain('You are not a Tend user; you have the csm role.');
  });

  it('answers privately in a channel, with a share button that carries the intent', async () => {
    const r = recorder();
    const context = listenerContext({ place: 'channel', userId: 'u-1' });
    await tendCommand(context)({ command: command('whoami', 'C0TEAM'), ack: r.ack, respond: r.respond } as never);
    const message = r.responses[0]! as {
      response_type: string;
      blocks: { elements?: { action_id: string; value: string }[] }[];
    };
    expect(message.response_type).toBe('ephemeral');
    const share = message.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'tend_share');
    expect(JSON.parse(share!.value)).toEqual({ command: 'whoami', call: { intent: 'whoami', args: {} } });
  });

  it('shows progress for a slow request, and replaces it with a failure anyone can quote', async () => {
    const r = recorder();
    await tendCommand(listenerContext())({
      command: command('portfolio all'),
      ack: r.ack,
      respond: r.respond,
    } as never);
    expect(r.acks).toEqual([{ response_type: 'ephemeral', text: ':hourglass_flowing_sand: Working on it…' }]);
    expect(r.responses[0]).toMatchObject({ replace_original: true });
    expect(textOf(r.responses[0]!)).toMatch(/Something went wrong on my side \(reference [0-9a-f]{8}\)/);
    expect(textOf(r.responses[0]!)).not.toContain('database unavailable');
  });

  it('tells an outsider nothing', async () => {
    const r = recorder();
    const context = listenerContext({ external: true, role: 'none' });
    await tendCommand(context)({ command: command('portfolio all'), ack: r.ack, respond: r.respond } as never);
    expect(textOf(r.responses[0]!)).toContain('Tend answers questions from the account team only.');
  });
});
