import type { TaskView } from './play-views.js';
import type { Reply } from '../../replies/reply.js';
import { intentButton } from '../../replies/reply.js';
import { skipForm } from '../../replies/skip-form.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The one reminder a task's assignee gets when it falls due, with its buttons. */
export function dueReminder(task: TaskView): Reply {
  const approval = task.state === 'AWAITING_APPROVAL';
  const act = (action: string, extra: Record<string, unknown> = {}) => ({ taskId: task.id, action, ...extra });
  return {
    headline: approval
      ? `Waiting for your approval: ${task.title} (${task.accountName})`
      : `Due ${day(task.dueAt)}: ${task.title} (${task.accountName})`,
    tone: 'info',
    facts: [
      { label: 'Play', value: task.playName },
      ...(approval ? [{ label: 'Account', value: task.accountName }] : []),
      ...(approval && task.recipient ? [{ label: 'To', value: task.recipient }] : []),
      ...(task.message ? [{ label: approval ? 'Will send' : 'Text', value: task.message }] : []),
    ],
    buttons: approval
      ? [
          intentButton('Approve', `task approve ${task.id}`, 'task', act('approve'), { style: 'primary' }),
          intentButton('Deny', `task deny ${task.id}`, 'task', act('deny'), { style: 'danger' }),
        ]
      : [
          intentButton('Done', `task done ${task.id}`, 'task', act('done'), { style: 'primary' }),
          intentButton('Snooze 3 days', `task snooze ${task.id} 3`, 'task', act('snooze', { days: 3 })),
          intentButton('Skip', `task skip ${task.id}`, 'task', act('skip'), { form: skipForm(task) }),
        ],
  };
}
