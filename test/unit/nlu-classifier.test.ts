import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineIntent, type IntentDefinition } from '../../src/conversation/intent.js';
import { accountArg } from '../../src/conversation/nlu/account-from-text.js';
import { readWithClassifier } from '../../src/conversation/nlu/read-with-classifier.js';

// The classifier on a small registry of its own: sure answers, "which one?" between close readings,
// nothing for what shares no word with any intent.
const examples = {
  health: ['how is {account} doing', 'health of {account}', '{account} health check', 'status of {account}'],
  contacts: ['contacts at {account}', 'who do we know at {account}', 'people at {account}', 'who to call at {account}'],
  renewals: ['upcoming renewals', 'what renews soon', 'renewals this quarter', 'contracts up for renewal'],
};
const intent = (
  name: keyof typeof examples,
  args: z.ZodType<Record<string, unknown>>,
  fromText: IntentDefinition['fromText'],
) =>
  defineIntent({
    name,
    args,
    rules: [],
    access: 'reader',
    examples: examples[name],
    fromText,
    handle: async () => ({ headline: name, tone: 'info' }),
  }) as IntentDefinition;
const registry = new Map<string, IntentDefinition>([
  ['health', intent('health', z.object({ account: z.string() }), accountArg(examples.health))],
  ['contacts', intent('contacts', z.object({ account: z.string() }), accountArg(examples.contacts))],
  ['renewals', intent('renewals', z.object({}), () => ({}))],
]);

describe('the offline classifier', () => {
  it('reads a new phrasing of a known question, with the account it names', async () => {
    expect(await readWithClassifier(registry, 'quick health check for Vandelay Logistics')).toEqual({
      intent: 'health',
      args: { account: 'Vandelay Logistics' },
    });
    expect(await readWithClassifier(registry, 'anything renewing soon?')).toEqual({ intent: 'renewals', args: {} });
  });

  it('asks which reading was meant when two are close, as buttons, not the whole help', async () => {
    // Made unsure on purpose: nothing is certain enough to answer, so the closest readings are offered.
    const reading = await readWithClassifier(registry, 'status people Initech', { accept: 0.99, ask: 0.2 });
    expect(reading?.intent).toBe('clarify');
    const options = (reading!.args as { options: { intent: string; args: { account?: string } }[] }).options;
    expect(options.map((o) => o.intent).sort()).toEqual(['contacts', 'health']);
    expect(options.every((o) => o.args.account === 'Initech')).toBe(true);
  });

  it('leaves alone what shares no word with any question', async () => {
    expect(await readWithClassifier(registry, 'what is the weather like')).toBeUndefined();
    expect(await readWithClassifier(registry, 'order a pizza')).toBeUndefined();
  });
});

describe('asking back', () => {
  it('offers each reading as a button that runs it', async () => {
    const { intents } = await import('../../src/conversation/intent-registry.js');
    const reply = await intents.get('clarify')!.handle({} as never, {
      text: 'people at Initech',
      options: [
        { intent: 'contacts', args: { account: 'Initech' }, label: 'contacts Initech' },
        { intent: 'health', args: { account: 'Initech' }, label: 'health Initech' },
      ],
    });
    expect(reply.headline).toBe('I am not sure what you mean by "people at Initech". One of these?');
    expect(reply.buttons!.map((b) => b.call)).toEqual([
      { intent: 'contacts', args: { account: 'Initech' } },
      { intent: 'health', args: { account: 'Initech' } },
    ]);
    expect(reply.suggestions).toBeUndefined();
  });
});
