import { z } from 'zod';
import { defineIntent } from '../intent.js';

/** What nothing else understood; never matched by a rule, only the reader's fallback. */
export default defineIntent({
  name: 'unknown',
  args: z.object({ text: z.string().max(4000) }),
  access: 'reader',
  rules: [],
  async handle({ helpReply }, { text }) {
    return { ...helpReply(), headline: `I did not understand "${text}".`, tone: 'info' };
  },
});
