import { z } from 'zod';
import { openTasksOf } from '../../services/plays/play-views.js';
import { defineIntent } from '../intent.js';
import { pageArgs } from '../paging.js';
import { taskButtons, taskLine } from '../play-replies.js';

const dayMs = 86_400_000;

/** How people ask for this (the offline classifier's examples). */
const examples = [
  'my tasks',
  "what's due this week",
  'what do I have to do today',
  'show my to-dos',
  'what is overdue',
  'my open tasks',
  'anything due for me',
  'what tasks are assigned to me',
  'my action items',
  'what approvals are waiting for me',
  "what's on my plate",
  'tasks due tomorrow',
  'list my play tasks',
  'which of my tasks are late',
  'what should I work on today',
  'is there anything I have to do',
];

/** "my tasks", "what's due this week?": the person's open play tasks and approvals, soonest first. */
export default defineIntent({
  name: 'my_tasks',
  examples,
  fromText: (phrase) => ({
    ...(/\btoday\b/.test(phrase.lower)
      ? { days: 0 }
      : /\btomorrow\b/.test(phrase.lower)
        ? { days: 1 }
        : /\bweek\b/.test(phrase.lower)
          ? { days: 7 }
          : {}),
    ...(/\b(?:overdue|late)\b/.test(phrase.lower) ? { overdue: true } : {}),
  }),
  args: z.object({
    /** Only tasks due within this many days (0: today); all open tasks without it. */
    days: z.number().int().min(0).max(365).optional(),
    overdue: z.boolean().optional(),
    page: pageArgs,
  }),
  verbs: ['tasks'],
  tool: {
    name: 'my_tasks',
    description:
      "The asker's open play tasks and approvals waiting on them, soonest due first, with ids for act_on_task; optionally only those due within N days (0 = today) or overdue",
    parameters: z.object({ days: z.number().int().min(0).max(365).nullable(), overdue: z.boolean().nullable() }),
    toArgs: (p) => ({
      ...(typeof p.days === 'number' ? { days: p.days } : {}),
      ...(p.overdue === true ? { overdue: true } : {}),
    }),
  },
  access: 'reader',
  help: { group: 'Ask me', order: 36, line: "my tasks, what's due this week?: your play tasks and approvals" },
  rules: [
    {
      priority: 30,
      match: ({ lower }) => {
        const l = lower.replace(/[?!.]+$/, '').trim();
        if (
          /^(?:\/tend\s+)?(?:show |list )?(?:my |open )*(?:tasks|to-?dos|action items|approvals)(?: due)?(?: (?:today|tomorrow|this week))?$/.test(
            l,
          ) ||
          /^what(?:'s| is) (?:due|overdue)\b/.test(l) ||
          /^(?:what|which) (?:tasks|approvals) (?:are|do i)\b/.test(l) ||
          /^(?:my )?overdue tasks$/.test(l)
        )
          return {
            ...(/\btoday\b/.test(l)
              ? { days: 0 }
              : /\btomorrow\b/.test(l)
                ? { days: 1 }
                : /\bweek\b/.test(l)
                  ? { days: 7 }
                  : {}),
            ...(/\boverdue\b/.test(l) ? { overdue: true } : {}),
          };
        return undefined;
      },
    },
  ],
  async handle({ deps, actor, now }, { days, overdue, page }) {
    if (!actor.userId)
      return { headline: 'Tend does not know you as a user yet, so no tasks are yours.', tone: 'info' };
    const endOfDay = new Date(Math.floor(now.getTime() / dayMs) * dayMs + dayMs - 1);
    const dueBefore = overdue ? now : days !== undefined ? new Date(endOfDay.getTime() + days * dayMs) : undefined;
    const {
      tasks,
      total,
      overdue: late,
    } = await openTasksOf(deps.prisma, actor.userId, now, {
      ...(dueBefore ? { dueBefore } : {}),
      ...(page ? { limit: page.size, offset: page.offset } : { limit: 15 }),
    });
    const scope = overdue
      ? 'overdue'
      : days === 0
        ? 'due today'
        : days === 1
          ? 'due by tomorrow'
          : days !== undefined
            ? `due in the next ${days} days`
            : 'open';
    const pageShown = page ? { offset: page.offset, returned: tasks.length, total } : undefined;
    if (!tasks.length)
      return {
        headline: total
          ? `${total} task${total === 1 ? '' : 's'} ${scope}; none from row ${page!.offset + 1}.`
          : `No tasks ${scope}.`,
        tone: 'good',
        ...(total ? {} : { suggestions: ['at-risk', 'renewals'] }),
        ...(pageShown ? { page: pageShown } : {}),
      };
    return {
      headline: `${total} task${total === 1 ? '' : 's'} ${scope}${late && !overdue ? `, ${late} overdue` : ''}`,
      tone: late ? 'warning' : 'info',
      sections: [
        {
          lines: [
            ...tasks.map((t) => taskLine(t, now, { account: true })),
            ...(!page && total > tasks.length ? [`… and ${total - tasks.length} more`] : []),
          ],
        },
      ],
      ...(pageShown ? { page: pageShown } : {}),
      // The main act (Done, or Approve) of the first five: every task's buttons would pass a chat message's limits.
      buttons: tasks.slice(0, 5).flatMap((t) => taskButtons(t).slice(0, 1)),
    };
  },
});
