import type { Reply } from './reply.js';

/** To admins: Tend kept account data out of a conversation shared with another organisation. */
export function sharedConversationReply(input: { conversation: string; name?: string; what: string }): Reply {
  const where = input.name ? `#${input.name}` : input.conversation;
  return {
    headline: `Tend did not post ${input.what} to ${where}: people outside your organisation can read it`,
    tone: 'warning',
    sections: [
      {
        lines: [
          `People outside the account team can read ${where} (${input.conversation}): it is shared with another organisation, or has guests or client contacts in it. Tend posts nothing internal there and will not tell you again about this conversation.`,
          'Choose an internal channel for alerts (in Slack TEND_ALERT_SLACK_CHANNEL or TEND_DIGEST_SLACK_CHANNEL; in Teams, install Tend in an internal channel instead), then restart Tend. Surveys addressed to a client contact may still go to shared conversations.',
        ],
      },
    ],
  };
}
