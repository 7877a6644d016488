import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { AccessDenied, assertCanWrite } from '../../../../services/access/actor.js';
import { renderBlocks } from '../../render-blocks.js';
import { formView } from '../../slack-forms.js';
import { failed, type SlackListenerContext } from '../listener-context.js';
import { payloadOf, speakerOf, type ActionBody } from '../speaker.js';

type Args = Pick<SlackActionMiddlewareArgs, 'ack' | 'body' | 'action' | 'respond'> & { client: WebClient };

/** A form button opens a modal; its submission is handled by the view listeners. */
export function openForm(context: SlackListenerContext) {
  return async ({ ack, body, action, respond, client }: Args) => {
    await ack();
    const b = body as unknown as ActionBody;
    const payload = payloadOf((action as { value?: string }).value);
    if (!payload?.form) return;
    try {
      const speaker = speakerOf(b);
      // A survey comment is the respondent's own; the use case checks who answers.
      if (payload.form.kind !== 'survey_comment') assertCanWrite(await context.resolver.resolve(speaker));
      await client.views.open({ trigger_id: b.trigger_id, view: formView(payload.form, speaker.channelId) });
    } catch (error) {
      const content =
        error instanceof AccessDenied
          ? renderBlocks({ headline: error.message, tone: 'info' })
          : failed(context, error, 'form');
      if (b.response_url) await respond({ ...content, replace_original: false }).catch(() => {});
    }
  };
}
