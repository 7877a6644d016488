import { enterpriseOf } from '../speaker.js';
import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { handleCall } from '../../../../conversation/handle-message.js';
import { firstDelivery } from '../../../../services/chat/deliveries.js';
import { renderBlocks } from '../../render-blocks.js';
import { commentFromSubmission, parseMetadata } from '../../slack-forms.js';
import type { SlackListenerContext } from '../listener-context.js';
import { replyPrivately } from '../reply-privately.js';

type Args = Pick<SlackViewMiddlewareArgs, 'ack' | 'body' | 'view'> & { client: WebClient };

/** The respondent's follow-up comment: the same intent as the typed comment, which checks who answers. */
export function surveyCommentSubmitted(context: SlackListenerContext) {
  return async ({ ack, body, view, client }: Args) => {
    const metadata = parseMetadata(view.private_metadata);
    await ack();
    // A redelivered submission (Slack retries, another replica) thanks the person once.
    if (!metadata || !(await firstDelivery(context.conversation.prisma, `slack:view:${view.id}`))) return;
    const userTeamId = (body.user as { team_id?: string }).team_id;
    const actor = await context.resolver.resolve({
      userId: body.user.id,
      teamId: body.team?.id ?? '',
      ...enterpriseOf(body),
      ...(userTeamId ? { userTeamId } : {}),
    });
    const reply = await handleCall(
      context.conversation,
      {
        intent: 'survey_comment',
        args: { requestId: metadata.accountId, text: commentFromSubmission(view.state.values) },
      },
      { channel: 'slack', actor, source: 'form' },
    );
    await replyPrivately(client, metadata.channelId, body.user.id, renderBlocks(reply)).catch((e: unknown) => {
      context.log.warn({ err: e }, 'could not thank a survey respondent');
    });
  };
}
