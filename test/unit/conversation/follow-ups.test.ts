import { describe, expect, it } from 'vitest';
import { askWhichAccount, resolveFollowUp, subjectsOf } from '../../../src/conversation/follow-ups.js';
import { parseCall } from '../../../src/conversation/intent-registry.js';
import type { RememberedSubject } from '../../../src/services/chat/conversation-memory.js';

const after = (subject: RememberedSubject) => (text: string) => resolveFollowUp(text, parseCall(text), subject);

describe('follow-ups against the last answer', () => {
  const health = after({ intent: 'health', args: { account: 'Acme Corp' }, subjects: ['Acme Corp'] });
  const list = after({
    intent: 'at_risk',
    args: { filter: {} },
    subjects: ['Globex Industries', 'Initech', 'Hooli Labs'],
  });

  it.each([
    ['and why?', { intent: 'why', args: { account: 'Acme Corp' } }],
    ['why?', { intent: 'why', args: { account: 'Acme Corp' } }],
    ['why did it drop?', { intent: 'why', args: { account: 'Acme Corp' } }],
    ['plan for it', { intent: 'plan', args: { account: 'Acme Corp' } }],
    ['plan it', { intent: 'plan', args: { account: 'Acme Corp' } }],
    ['what about Globex?', { intent: 'health', args: { account: 'Globex' } }],
    ['contacts that account', { intent: 'contacts', args: { account: 'Acme Corp' } }],
    ['how is Initech doing?', undefined],
  ])('reads "%s" after a health answer', (text, expected) => {
    expect(health(text)).toEqual(expected);
  });

  it('keeps the question and changes the account on "what about"', () => {
    const why = after({ intent: 'why', args: { account: 'Acme Corp' }, subjects: ['Acme Corp'] });
    expect(why('and Globex?')).toEqual({ intent: 'why', args: { account: 'Globex' } });
    const feedback = after({ intent: 'feedback', args: { account: 'acme', days: 30 }, subjects: ['acme'] });
    expect(feedback('what about Hooli')).toEqual({ intent: 'feedback', args: { account: 'Hooli', days: 30 } });
  });

  it.each([
    ['the second one', { intent: 'health', args: { account: 'Initech' } }],
    ['why the first one?', { intent: 'why', args: { account: 'Globex Industries' } }],
    ['number 3', { intent: 'health', args: { account: 'Hooli Labs' } }],
    ['the last one', { intent: 'health', args: { account: 'Hooli Labs' } }],
    ['the ninth one', undefined],
  ])('reads "%s" after a list', (text, expected) => {
    expect(list(text)).toEqual(expected);
  });

  it('leaves everything alone without a remembered subject', () => {
    expect(resolveFollowUp('and why?', parseCall('and why?'), undefined)).toBeUndefined();
  });

  describe('asks which account is meant when a follow-up points at nothing', () => {
    const ask = (text: string, memory: RememberedSubject | undefined) =>
      resolveFollowUp(text, parseCall(text), memory) ?? askWhichAccount(text, parseCall(text), memory);
    const emptyList: RememberedSubject = { intent: 'renewals', args: { days: 60 }, subjects: [] };
    const shortList: RememberedSubject = { intent: 'at_risk', args: {}, subjects: ['Globex Industries', 'Initech'] };

    it('after an empty list, "why the first one?" is a question back, not a search for "the first one"', () => {
      expect(ask('why the first one?', emptyList)).toEqual({
        headline: 'Your last answer listed no accounts. Which account do you mean?',
        tone: 'info',
        suggestions: ['why did <account> drop?'],
      });
    });

    it('after a shorter list, offers the accounts it had as buttons for the same question', () => {
      const reply = ask('why the fifth one?', shortList) as { headline: string; buttons: unknown[] };
      expect(reply.headline).toBe('Your last answer listed 2 accounts. Which one do you mean?');
      expect(reply.buttons).toEqual([
        expect.objectContaining({
          label: 'Globex Industries',
          call: { intent: 'why', args: { account: 'Globex Industries' } },
        }),
        expect.objectContaining({ label: 'Initech', call: { intent: 'why', args: { account: 'Initech' } } }),
      ]);
      expect((ask('number 9', shortList) as { buttons: { call: unknown }[] }).buttons[0]!.call).toEqual({
        intent: 'health',
        args: { account: 'Globex Industries' },
      });
    });

    it('"and why?" with no account in view asks for one', () => {
      expect(ask('and why?', undefined)).toMatchObject({
        headline: expect.stringMatching(/^Why about which account\?/),
      });
      expect(ask('and why?', emptyList)).toMatchObject({ tone: 'info' });
    });

    it('leaves real questions alone', () => {
      for (const text of [
        'how is Acme doing?',
        'renewals in the last 30 days',
        'why did Globex drop?',
        'nps last quarter',
      ])
        expect(askWhichAccount(text, parseCall(text), emptyList), text).toBeUndefined();
    });
  });

  it('remembers the accounts a list answer shows, or the account asked about', () => {
    expect(
      subjectsOf(
        { intent: 'at_risk', args: {} },
        {
          table: {
            columns: ['Account', 'Health'],
            rows: [
              ['A', '1'],
              ['B', '2'],
            ],
          },
        },
      ),
    ).toEqual(['A', 'B']);
    expect(subjectsOf({ intent: 'health', args: { account: 'acme' } }, {})).toEqual(['acme']);
  });
});
