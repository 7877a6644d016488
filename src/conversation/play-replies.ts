import type { TaskView } from '../services/plays/play-views.js';
import { intentButton, type ReplyButton } from '../replies/reply.js';
import { skipForm } from '../replies/skip-form.js';

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** "due 2026-09-17 (in 3 days)", "overdue by 2 days", "due today". */
export function dueText(dueAt: Date, now: Date): string {
  const days = Math.floor(dueAt.getTime() / dayMs) - Math.floor(now.getTime() / dayMs);
  if (days === 0) return `due today`;
  return days > 0
    ? `due ${isoDay(dueAt)} (in ${days} day${days === 1 ? '' : 's'})`
    : `overdue by ${-days} day${days === -1 ? '' : 's'}`;
}

const stateText: Record<string, string> = {
  OPEN: '',
  AWAITING_APPROVAL: 'waiting for your approval',
  FAILED: 'failed',
  DONE: 'done',
  SKIPPED: 'skipped',
  HELD_OUT: 'held out (holdout)',
};

/** One line per task: what, for whom, when, and its state. */
export function taskLine(t: TaskView, now: Date, options: { account?: boolean } = {}): string {
  const state = stateText[t.state] ?? t.state.toLowerCase();
  const open = t.state === 'OPEN' || t.state === 'AWAITING_APPROVAL' || t.state === 'FAILED';
  return [
    `${open ? '☐' : '☑'} ${t.title}`,
    options.account ? ` (${t.accountName}, ${t.playName})` : '',
    t.kind === 'system' ? ' [Tend does this]' : t.assignee ? `, ${t.assignee}` : '',
    open ? `, ${dueText(t.dueAt, now)}` : '',
    state ? `: ${state}` : '',
    t.state === 'FAILED' && t.lastError ? ` (${t.lastError})` : '',
    // An approval shows what it sends, to whom, word for word.
    (t.state === 'AWAITING_APPROVAL' || t.state === 'FAILED') && t.message
      ? `\n    will send${t.recipient ? ` to ${t.recipient}` : ''}: "${t.message}"`
      : '',
  ].join('');
}

/** Buttons for a task: Done / Snooze / Skip for people's steps; Approve / Deny for Tend's that wait. */
export function taskButtons(t: TaskView, options: { short?: boolean } = {}): ReplyButton[] {
  const act = (action: string, extra: Record<string, unknown> = {}) => ({ taskId: t.id, action, ...extra });
  // Two clients' "Approve: Check in with the champion" must not look alike: the account is named.
  const label = (verb: string) =>
    options.short ? verb : `${verb}: ${t.title.slice(0, 32)} (${t.accountName.slice(0, 24)})`;
  if (t.state === 'AWAITING_APPROVAL' || t.state === 'FAILED')
    return [
      intentButton(label(t.state === 'FAILED' ? 'Retry' : 'Approve'), `task approve ${t.id}`, 'task', act('approve'), {
        style: 'primary',
      }),
      intentButton(label('Deny'), `task deny ${t.id}`, 'task', act('deny'), { style: 'danger' }),
    ];
  if (t.state !== 'OPEN') return [];
  return [
    intentButton(label('Done'), `task done ${t.id}`, 'task', act('done'), { style: 'primary' }),
    intentButton(
      options.short ? 'Snooze 3 days' : label('Snooze 3 days'),
      `task snooze ${t.id} 3`,
      'task',
      act('snooze', { days: 3 }),
    ),
    intentButton(label('Skip'), `task skip ${t.id}`, 'task', act('skip'), { form: skipForm(t) }),
  ];
}
