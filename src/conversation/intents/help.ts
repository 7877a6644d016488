import { z } from 'zod';
import { defineIntent } from '../intent.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'help',
  'what can you do',
  'what can I ask',
  'how does this work',
  'show me the commands',
  'what questions do you answer',
  'how do I use you',
  'what do you know',
  'help me please',
  'list commands',
  'what are your features',
  'getting started',
  'instructions',
  'how can you help me',
  'what should I ask you',
];

export default defineIntent({
  name: 'help',
  examples,
  fromText: () => ({}),
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
