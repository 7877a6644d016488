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
    const words = name.split(/\s+/).length;
    const match = name && words <= 5 ? await findAccount(context.deps.prisma, name) : undefined;
    if (match?.kind === 'found') return health.handle(context, { account: name });
    // "Globx": one close name is an obvious typo; answered, saying which account it read.
    if (match?.kind === 'not_found' && match.suggestions.length === 1 && words <= 2) {
      const reply = await health.handle(context, { account: match.suggestions[0]!.name });
      return { ...reply, headline: `(I read "${name}" as ${match.suggestions[0]!.name}.)\n${reply.headline}` };
    }
    return { ...context.helpReply(), headline: `I did not understand "${text}".`, tone: 'info' };
  },
});
