import { describe, expect, it } from 'vitest';
import { resolveFollowUp, subjectsOf } from '../../../src/conversation/follow-ups.js';
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
    ['plan for it', undefined],
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
