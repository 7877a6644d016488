import { z } from 'zod';
import { defineIntent } from '../intent.js';

/** "hi", "hello tend", "good morning": a greeting back and three things to ask, not "I did not understand". */
export default defineIntent({
  name: 'greeting',
  args: z.object({}),
  access: 'reader',
  rules: [
    {
      priority: 10,
      match: ({ lower }) =>
        /^(?:hi|hey|hello|hiya|howdy|yo|heya|hej|hallo|morning|good (?:morning|afternoon|evening|day))(?:\s+(?:there|tend|all|team|everyone))?[\s!.,:)]*$/.test(
          lower,
        )
          ? {}
          : undefined,
    },
  ],
  async handle() {
    return {
      headline: 'Hi! Ask me about your accounts, for example:',
      tone: 'info',
      suggestions: ['my at-risk accounts', 'my renewals this quarter', 'how is Acme Corp doing?'],
    };
  },
});
