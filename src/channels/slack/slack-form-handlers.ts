import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ConversationDeps } from '../../conversation/handle-message.js';
import { claimDelivery, releaseDelivery } from '../../db/repositories/processed-deliveries.js';
import type { Logger } from '../../logging/logger.js';
import { AccessDenied } from '../../services/access/actor.js';
import { InputError } from '../../services/accounts/input-error.js';
import { logNote } from '../../services/accounts/log-note.js';
import { setGoal } from '../../services/accounts/set-goal.js';
import { renderBlocks } from './render-blocks.js';
import type { SlackActorResolver } from './slack-actor.js';
import {
  commentFromSubmission,
  formCallbackIds,
  goalFromSubmission,
  noteFromSubmission,
  parseMetadata,
} from './slack-forms.js';
import { handleMessage } from '../../conversation/handle-message.js';

type Rendered = ReturnType<typeof renderBlocks>;

/**
 * Modal submissions: validated before the modal closes (errors show beside the field), saved
 * once per modal even if Slack delivers the submission twice, confirmed where the form was opened.
 */
export function registerSlackForms(
  app: App,
  deps: {
    conversation: ConversationDeps;
    resolver: SlackActorResolver;
    failed(error: unknown, what: string): Rendered;
    log: Logger;
  },
): void {
  const prisma = deps.conversation.prisma;

  // The respondent's follow-up comment: the same use case as the typed command, which checks who answers.
  app.view(formCallbackIds.survey_comment, async ({ ack, body, view, client }) => {
    const metadata = parseMetadata(view.private_metadata);
    await ack();
    // A redelivered submission (Slack retries, another replica) thanks the person once.
    if (!metadata || !(await claimDelivery(prisma, `slack:view:${view.id}`))) return;
    const userTeamId = (body.user as { team_id?: string }).team_id;
    const actor = await deps.resolver.resolve({
      userId: body.user.id,
      teamId: body.team?.id ?? '',
      ...(userTeamId ? { userTeamId } : {}),
    });
    const reply = await handleMessage(deps.conversation, {
      text: `survey comment ${metadata.accountId}: ${commentFromSubmission(view.state.values)}`,
      channel: 'slack',
      actor,
    });
    await confirmPrivately(client, metadata.channelId, body.user.id, renderBlocks(reply)).catch((e: unknown) => {
      deps.log.warn({ err: e }, 'could not thank a survey respondent');
    });
  });

  for (const kind of ['note', 'goal'] as const) {
    app.view(formCallbackIds[kind], async ({ ack, body, view, client }) => {
      const metadata = parseMetadata(view.private_metadata);
      if (!metadata) {
        await ack({
          response_action: 'errors',
          errors: { [kind === 'note' ? 'note' : 'title']: 'This form has expired; open it again.' },
        });
        return;
      }
      const firstBlock = kind === 'note' ? 'note' : 'title';
      const key = `slack:view:${view.id}`;
      if (!(await claimDelivery(prisma, key))) {
        await ack();
        return;
      }
      let confirmation: string;
      try {
        const actor = await deps.resolver.resolve({
          userId: body.user.id,
          teamId: body.team?.id ?? '',
          ...(metadata.channelId ? { channelId: metadata.channelId } : {}),
        });
        const now = deps.conversation.now();
        if (kind === 'note') {
          await logNote(
            prisma,
            actor,
            { accountId: metadata.accountId, text: noteFromSubmission(view.state.values), via: 'slack' },
            now,
          );
          confirmation = `Note logged on ${metadata.accountName}.`;
        } else {
          const goal = goalFromSubmission(view.state.values);
          const saved = await setGoal(prisma, actor, { accountId: metadata.accountId, goal }, now);
          confirmation = `Goal "${goal.title}" added to ${saved.planTitle}.`;
        }
      } catch (error) {
        await releaseDelivery(prisma, key);
        if (error instanceof InputError || error instanceof AccessDenied) {
          const field = error instanceof InputError && error.field ? error.field : firstBlock;
          await ack({ response_action: 'errors', errors: { [field === 'text' ? 'note' : field]: error.message } });
          return;
        }
        await ack();
        deps.failed(error, `${kind} form`);
        return;
      }
      await ack();
      const content = renderBlocks({ headline: confirmation, tone: 'good' });
      await confirmPrivately(client, metadata.channelId, body.user.id, content).catch((e: unknown) => {
        deps.log.warn({ err: e }, 'could not confirm a saved form');
      });
    });
  }
}

/** Only the person sees it: ephemeral in the channel the form came from, else in their DM with Tend. */
function confirmPrivately(
  client: WebClient,
  channelId: string | undefined,
  userId: string,
  content: Rendered,
): Promise<unknown> {
  return channelId && !channelId.startsWith('D')
    ? client.chat.postEphemeral({ channel: channelId, user: userId, ...content })
    : client.chat.postMessage({ channel: userId, ...content });
}
