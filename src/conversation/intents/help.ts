import { z } from 'zod';
import { defineIntent } from '../intent.js';

export default defineIntent({
  name: 'help',
  args: z.object({}),
  verbs: ['help'],
  access: 'reader',
  rules: [
    {
      priority: 20,
      match: ({ lower }) => (!lower || /^(help|\/tend help|what can you do|commands)$/.test(lower) ? {} : undefined),
    },
    // A verb without its account ("health", "/tend why") gets the list of what can be asked.
    {
      priority: 60,
      match: ({ text }) => (/^(?:\/tend\s+)?(?:help\b.*|health|why|plan)$/i.test(text) ? {} : undefined),
    },
  ],
  tool: {
    name: 'help',
    description: 'What Tend can do, when no other tool fits',
    parameters: z.object({}),
    toArgs: () => ({}),
  },
  async handle({ helpReply }) {
    return helpReply();
  },
});
