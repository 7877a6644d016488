import type { WebClient } from '@slack/web-api';
import type { AlertNotifier } from '../../services/alerts/alert-notifier.js';
import { renderBlocks } from './render-blocks.js';

/** Alerts in Slack: posted to a channel or a person's DM (a user id opens it), updated in place. */
export function slackAlertNotifier(client: WebClient): AlertNotifier {
  return {
    channel: 'SLACK',
    async send(destination, reply) {
      const posted = await client.chat.postMessage({ channel: destination, ...renderBlocks(reply) });
      return { conversation: posted.channel ?? destination, ref: posted.ts! };
    },
    async update(conversation, ref, reply) {
      await client.chat.update({ channel: conversation, ts: ref, ...renderBlocks(reply) });
    },
  };
}
