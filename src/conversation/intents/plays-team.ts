import { z } from 'zod';
import { teamTaskCounts } from '../../services/plays/play-views.js';
import { teamOwnerIds } from '../../services/portfolio/team-members.js';
import { defineIntent } from '../intent.js';

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'plays team',
  'team tasks',
  'how are my CSMs doing on their tasks',
  'who has overdue tasks',
  'which CSMs are behind on plays',
  'open plays across the team',
  'task status for my team',
  'how many tasks are overdue in the team',
  'team play progress',
  'is anyone on my team late on tasks',
  'show the team task board',
  'plays by CSM',
  'who is falling behind on follow-ups',
  'overdue tasks per person',
  'how many plays did the team complete',
];

/** "plays team": open, overdue and recently done play tasks per CSM, for managers. */
export default defineIntent({
  name: 'plays_team',
  examples,
  fromText: () => ({}),
  args: z.object({}),
  access: 'manager',
  help: { group: 'Ask me', order: 37, line: 'plays team: open, overdue and done tasks per CSM (managers)' },
  rules: [
    {
      // Before "what's overdue" (my tasks): a manager asking about the team means the team.
      priority: 29,
      match: ({ lower }) =>
        /^(?:what(?:'s| is)|which tasks are|show(?: me)?) (?:overdue|late|behind) (?:on|in|for|across) (?:my |the )?team\??$/.test(
          lower.trim(),
        )
          ? {}
          : undefined,
    },
    {
      priority: 30,
      match: ({ lower }) =>
        /^(?:\/tend\s+)?(?:plays|tasks) (?:for )?(?:my )?team\??$|^how is my team doing on (?:its |their )?(?:plays|tasks)\??$/.test(
          lower.trim(),
        )
          ? {}
          : undefined,
    },
  ],
  async handle({ deps, actor, now }) {
    const ownerIds =
      actor.role === 'manager' && actor.userId ? await teamOwnerIds(deps.prisma, actor.userId) : undefined;
    const all = await teamTaskCounts(deps.prisma, ownerIds, now);
    if (!all.length) return { headline: 'No play tasks in your team yet.', tone: 'info', suggestions: ['at-risk'] };
    // The manager's own steps (reviews, escalations) are theirs, not a CSM's row: counted, shown apart.
    const own = all.find((r) => r.userId === actor.userId);
    const rows = all.filter((r) => r !== own);
    const overdue = all.reduce((s, r) => s + r.overdue, 0);
    return {
      headline: `Plays: ${all.reduce((s, r) => s + r.open, 0)} open tasks, ${overdue} overdue`,
      tone: overdue ? 'warning' : 'good',
      ...(rows.length
        ? {
            table: {
              columns: ['CSM', 'Open', 'Overdue', 'Done (30 days)'],
              rows: rows.map((r) => [r.name, String(r.open), String(r.overdue), String(r.done)]),
            },
          }
        : {}),
      ...(own
        ? {
            facts: [
              {
                label: 'Your own steps',
                value: `${own.open} open, ${own.overdue} overdue, ${own.done} done (30 days)`,
              },
            ],
          }
        : {}),
    };
  },
});
