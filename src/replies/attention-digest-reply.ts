import { intentButton, type Reply } from './reply.js';

export interface DigestItem {
  kind: 'alert' | 'task' | 'approval' | 'escalated';
  accountName: string;
  /** The alert's title, the task's step. */
  title: string;
  /** Escalated: to whom. Task: due day (ISO). */
  detail?: string;
}

const shown = 5;

const lineOf = (i: DigestItem) =>
  i.kind === 'alert'
    ? `Alert: ${i.title}`
    : i.kind === 'approval'
      ? `Approve or deny: ${i.title} (${i.accountName})`
      : i.kind === 'escalated'
        ? `Escalated to ${i.detail ?? 'your manager'}: ${i.title} (${i.accountName})`
        : `Due ${i.detail ?? ''}: ${i.title} (${i.accountName})`.replace('Due : ', 'Due: ');

/**
 * A person's daily digest, most urgent first: what did not fit their attention budget as a message
 * of its own. `summary` is the first pass after a start, an import or a new preset: the backlog in one.
 */
export function attentionDigestReply(items: DigestItem[], options: { summary: boolean; openTasks: number }): Reply {
  const n = items.length;
  const things = `${n} thing${n === 1 ? '' : 's'}`;
  const rest = n - shown;
  const firstAccount = items[0]?.accountName;
  return {
    headline: options.summary ? `Catching up: ${things} for you` : `Today: ${things}`,
    tone: items.some((i) => i.kind === 'escalated' || i.kind === 'alert') ? 'warning' : 'info',
    sections: [
      { lines: items.slice(0, shown).map(lineOf) },
      ...(rest > 0 ? [{ lines: [`... and ${rest} more.`] }] : []),
      ...(options.summary
        ? [
            {
              lines: [
                'Tend opened this work in one go (a first start, an import or a new scoring preset), so it comes as one message rather than one each.',
              ],
            },
          ]
        : []),
    ],
    facts: [{ label: 'Open tasks', value: String(options.openTasks) }],
    buttons: [
      intentButton('My tasks', 'my tasks', 'my_tasks', {}, { style: 'primary' }),
      ...(firstAccount
        ? [
            intentButton(`Next steps: ${firstAccount}`, `what should I do about ${firstAccount}`, 'next_steps', {
              account: firstAccount,
            }),
          ]
        : []),
    ],
  };
}

export interface TeamOverdue {
  csm: string;
  tasks: { accountName: string; title: string; daysOverdue: number }[];
}

/** A manager's one escalation message a day: the team's overdue work, grouped by CSM, oldest first. */
export function escalationDigestReply(team: TeamOverdue[], newlyEscalated: number): Reply {
  const total = team.reduce((s, t) => s + t.tasks.length, 0);
  return {
    headline: `Your team's overdue work: ${total} task${total === 1 ? '' : 's'} (${newlyEscalated} newly escalated)`,
    tone: 'warning',
    sections: team.map((t) => ({
      title: `${t.csm}: ${t.tasks.length} overdue, oldest ${t.tasks[0]?.daysOverdue ?? 0} day${t.tasks[0]?.daysOverdue === 1 ? '' : 's'}`,
      lines: [
        ...t.tasks
          .slice(0, 3)
          .map((x) => `${x.accountName}: ${x.title} (${x.daysOverdue} day${x.daysOverdue === 1 ? '' : 's'})`),
        ...(t.tasks.length > 3 ? [`... and ${t.tasks.length - 3} more`] : []),
      ],
    })),
    buttons: [intentButton('Plays team', 'plays team', 'plays_team', {})],
  };
}
