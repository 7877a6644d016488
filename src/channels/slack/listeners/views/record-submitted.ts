import { enterpriseOf } from '../speaker.js';
import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { runCall } from '../../../../conversation/handle-message.js';
import type { IntentCall } from '../../../../replies/reply.js';
import { AccessDenied } from '../../../../services/access/actor.js';
import { InputError } from '../../../../services/accounts/input-error.js';
import { firstDelivery, forgetDelivery } from '../../../../services/chat/deliveries.js';
import { renderBlocks } from '../../render-blocks.js';
import {
  goalFromSubmission,
  noteFromSubmission,
  parseMetadata,
  reasonFromSubmission,
  type FormMetadata,
} from '../../slack-forms.js';
import { failed, type SlackListenerContext } from '../listener-context.js';
import { replyPrivately } from '../reply-privately.js';

type Args = Pick<SlackViewMiddlewareArgs, 'ack' | 'body' | 'view'> & { client: WebClient };
type Values = Parameters<typeof noteFromSubmission>[0];

/** The intent a modal amounts to: the account travels by id in the modal's metadata. */
const calls = {
  note: (m: FormMetadata, values: Values): IntentCall => ({
    intent: 'note',
    args: { account: m.accountId, text: noteFromSubmission(values) },
  }),
  goal: (m: FormMetadata, values: Values): IntentCall => ({
    intent: 'goal',
    args: { account: m.accountId, goal: goalFromSubmission(values) },
  }),
  // Skip's form carries the task id where the others carry the account's.
  skip_reason: (m: FormMetadata, values: Values): IntentCall => ({
    intent: 'task',
    args: { taskId: m.accountId, action: 'skip', reason: reasonFromSubmission(values).trim() },
  }),
};
type Kind = keyof typeof calls;

/** The modal's block that shows an error about a field of the intent. */
const blockOf = (kind: Kind, field: string | undefined) =>
  kind === 'skip_reason'
    ? 'reason'
    : kind === 'note'
      ? 'note'
      : field && ['title', 'kpi', 'baseline', 'target', 'dueDate'].includes(field)
        ? field
        : 'title';

/**
 * A note, goal or skip-reason modal: validated before the modal closes (errors show beside the field), saved
 * once per modal even if Slack delivers the submission twice, confirmed where the form was opened.
 */
export function recordSubmitted(context: SlackListenerContext, kind: Kind) {
  return async ({ ack, body, view, client }: Args) => {
    const metadata = parseMetadata(view.private_metadata);
    if (!metadata) {
      await ack({
        response_action: 'errors',
        errors: { [blockOf(kind, undefined)]: 'This form has expired; open it again.' },
      });
      return;
    }
    const prisma = context.conversation.prisma;
    const key = `slack:view:${view.id}`;
    if (!(await firstDelivery(prisma, key))) {
      await ack();
      return;
    }
    let reply;
    try {
      const actor = await context.resolver.resolve({
        userId: body.user.id,
        teamId: body.team?.id ?? '',
        ...enterpriseOf(body),
        ...(metadata.channelId ? { channelId: metadata.channelId } : {}),
      });
      reply = await runCall(context.conversation, calls[kind](metadata, view.state.values), {
        channel: 'slack',
        actor,
        source: 'form',
      });
    } catch (error) {
      await forgetDelivery(prisma, key);
      if (error instanceof InputError || error instanceof AccessDenied) {
        const field = error instanceof InputError ? error.field : undefined;
        await ack({ response_action: 'errors', errors: { [blockOf(kind, field)]: error.message } });
        return;
      }
      await ack();
      failed(context, error, `${kind} form`);
      return;
    }
    await ack();
    await replyPrivately(client, metadata.channelId, body.user.id, renderBlocks(reply)).catch((e: unknown) => {
      context.log.warn({ err: e }, 'could not confirm a saved form');
    });
  };
}
