import { z } from 'zod';
import { defineIntent } from '../intent.js';
import { afterVerb } from '../phrases.js';

export default defineIntent({
  name: 'whoami',
  args: z.object({}),
  verbs: ['whoami'],
  access: 'reader',
  rules: [{ priority: 60, match: (phrase) => (afterVerb(phrase, 'whoami') === undefined ? undefined : {}) }],
  async handle({ actor }) {
    return {
      headline: actor.userId
        ? `You are a Tend ${actor.role}.`
        : `You are not a Tend user; you have the ${actor.role} role.`,
      tone: 'info',
    };
  },
});
