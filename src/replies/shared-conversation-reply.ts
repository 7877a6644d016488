import type { Reply } from './reply.js';

/** To admins: Tend kept account data out of a conversation shared with another organisation. */
export function sharedConversationReply(input: { conversation: string; name?: string; what: string }): Reply {
  const where = input.name ? `#${input.name}` : input.conversation;
  return {
    headline: `Tend did not post ${input.what} to ${where}: it is shared with another organisation`,
    tone: 'warning',
    sections: [
      {
        lines: [
          `${where} (${input.conversation}) is a Slack Connect channel, so people outside your organisation would read account data there. Tend posts nothing internal to it and will not tell you again about this channel.`,
          'Choose an internal channel for alerts (TEND_ALERT_SLACK_CHANNEL or TEND_DIGEST_SLACK_CHANNEL), then restart Tend. Surveys addressed to a client contact may still go to shared channels.',
        ],
      },
    ],
  };
}
