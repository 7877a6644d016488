import type { ModalView } from '@slack/types';
import type { FormRequest } from '../../replies/reply.js';
import { noteMaxLength } from '../../services/accounts/log-note.js';
import type { GoalInput } from '../../services/accounts/set-goal.js';

export const formCallbackIds = {
  note: 'tend_note',
  goal: 'tend_goal',
  survey_comment: 'tend_survey_comment',
  skip_reason: 'tend_skip_reason',
} as const;

/** What a modal remembers between opening and submission (Slack hands it back untouched). */
export interface FormMetadata {
  accountId: string;
  accountName: string;
  /** Where the form was opened, to confirm there. */
  channelId?: string;
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function formView(form: FormRequest, channelId: string | undefined): ModalView {
  const metadata: FormMetadata = {
    accountId: form.accountId,
    accountName: form.accountName,
    ...(channelId ? { channelId } : {}),
  };
  const common = {
    type: 'modal' as const,
    private_metadata: JSON.stringify(metadata),
    submit: { type: 'plain_text' as const, text: 'Save' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
  };
  if (form.kind === 'survey_comment')
    return {
      ...common,
      callback_id: formCallbackIds.survey_comment,
      title: { type: 'plain_text', text: 'Your comment' },
      blocks: [
        {
          type: 'input',
          block_id: 'comment',
          label: { type: 'plain_text', text: cut(form.accountName, 2000) },
          element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 },
        },
      ],
    };
  if (form.kind === 'skip_reason')
    return {
      ...common,
      submit: { type: 'plain_text', text: 'Skip' },
      callback_id: formCallbackIds.skip_reason,
      title: { type: 'plain_text', text: 'Skip a step' },
      blocks: [
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Step: *${cut(form.accountName, 300)}*` }] },
        {
          type: 'input',
          block_id: 'reason',
          label: { type: 'plain_text', text: 'Why skip it?' },
          element: {
            type: 'plain_text_input',
            action_id: 'text',
            max_length: 500,
            placeholder: { type: 'plain_text', text: 'Covered in the QBR last week…' },
          },
        },
      ],
    };
  if (form.kind === 'note')
    return {
      ...common,
      callback_id: formCallbackIds.note,
      title: { type: 'plain_text', text: 'Log a note' },
      blocks: [
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Account: *${cut(form.accountName, 200)}*` }] },
        {
          type: 'input',
          block_id: 'note',
          label: { type: 'plain_text', text: 'What happened?' },
          element: {
            type: 'plain_text_input',
            action_id: 'text',
            multiline: true,
            max_length: noteMaxLength,
            placeholder: { type: 'plain_text', text: 'Call with the CFO: budget for the expansion approved…' },
          },
        },
      ],
    };
  const text = (block: string, label: string, optional: boolean, placeholder: string) => ({
    type: 'input' as const,
    block_id: block,
    optional,
    label: { type: 'plain_text' as const, text: label },
    element: {
      type: 'plain_text_input' as const,
      action_id: 'value',
      placeholder: { type: 'plain_text' as const, text: placeholder },
    },
  });
  return {
    ...common,
    callback_id: formCallbackIds.goal,
    title: { type: 'plain_text', text: 'Set a goal' },
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Success plan of *${cut(form.accountName, 200)}*` }] },
      text('title', 'Goal', false, 'Cut support tickets by half'),
      text('kpi', 'KPI', false, 'Tickets per month'),
      text('baseline', 'Baseline', true, '40'),
      text('target', 'Target', true, '20'),
      {
        type: 'input',
        block_id: 'dueDate',
        optional: true,
        label: { type: 'plain_text', text: 'Due' },
        element: { type: 'datepicker', action_id: 'value' },
      },
    ],
  };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_date?: string | null }>>;

export function commentFromSubmission(values: StateValues): string {
  return values.comment?.text?.value ?? '';
}

export function reasonFromSubmission(values: StateValues): string {
  return values.reason?.text?.value ?? '';
}

export function noteFromSubmission(values: StateValues): string {
  return values.note?.text?.value ?? '';
}

export function goalFromSubmission(values: StateValues): GoalInput {
  const read = (block: string) => {
    const v = values[block]?.value;
    return (v?.value ?? v?.selected_date ?? undefined) || undefined;
  };
  return {
    title: read('title') ?? '',
    kpi: read('kpi') ?? '',
    ...(read('baseline') ? { baseline: read('baseline') } : {}),
    ...(read('target') ? { target: read('target') } : {}),
    ...(read('dueDate') ? { dueDate: read('dueDate') } : {}),
  };
}

export function parseMetadata(raw: string): FormMetadata | undefined {
  try {
    const m = JSON.parse(raw) as Partial<FormMetadata>;
    return typeof m.accountId === 'string' && typeof m.accountName === 'string' ? (m as FormMetadata) : undefined;
  } catch {
    return undefined;
  }
}
