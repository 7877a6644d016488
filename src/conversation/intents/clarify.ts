import { z } from 'zod';
import { intentButton } from '../../replies/reply.js';
import { defineIntent } from '../intent.js';

/** "Did you mean…": the two or three closest readings of a question as buttons; never matched by a rule. */
export default defineIntent({
  name: 'clarify',
  args: z.object({
    text: z.string().max(4000),
    options: z
      .array(
        z.object({ intent: z.string().max(60), args: z.record(z.string(), z.unknown()), label: z.string().max(80) }),
      )
      .min(1)
      .max(3),
  }),
  access: 'reader',
  rules: [],
  async handle(_context, { text, options }) {
    return {
      headline: `I am not sure what you mean by "${text}". One of these?`,
      tone: 'info',
      buttons: options.map((o) => intentButton(o.label, o.label, o.intent, o.args)),
    };
  },
});
