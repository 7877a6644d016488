import { z } from 'zod';
import { findAccount } from '../../services/accounts/find-account.js';
import { defineIntent } from '../intent.js';
import health from './health.js';

/** What nothing else understood; never matched by a rule, only the reader's fallback. */
export default defineIntent({
  name: 'unknown',
  args: z.object({ text: z.string().max(4000) }),
  access: 'reader',
  rules: [],
  async handle(context, { text }) {
    // "Kestrel?", "Acme Corp": a bare account name asks how it is doing.
    const name = text.replace(/[?!.]+$/, '').trim();
    if (name && name.split(/\s+/).length <= 5 && (await findAccount(context.deps.prisma, name)).kind === 'found')
      return health.handle(context, { account: name });
    return { ...context.helpReply(), headline: `I did not understand "${text}".`, tone: 'info' };
  },
});
