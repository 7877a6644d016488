import type { Reply } from '../../replies/reply.js';
import type { PlatformStanding } from '../access/identity.js';

/** A chat channel that can post and later update alert messages (Slack now; Teams with its app). */
export interface AlertNotifier {
  channel: 'SLACK' | 'TEAMS';
  /** Posts to a channel or a person; returns where it landed and the message reference. */
  send(destination: string, reply: Reply): Promise<{ conversation: string; ref: string }>;
  update(conversation: string, ref: string, reply: Reply): Promise<void>;
  /** Throws what `send` would for internal content there (a shared channel), without posting. */
  check?(destination: string): Promise<void>;
  /**
   * What the chat says of a person it can message directly (Slack: a user id): a member of the
   * organisation, an outsider (a guest), or `unknown` when it will not say. Asked before work or a
   * reminder goes to a Tend user (services/plays/work-people.ts).
   */
  standing?(person: string): Promise<PlatformStanding>;
}

export type AlertNotifiers = Partial<Record<'SLACK' | 'TEAMS' | 'SHELL', AlertNotifier>>;

/**
 * A destination that names a client contact rather than a conversation (Teams: their AAD object id);
 * the notifier finds the contact's 1:1 chat with Tend, or opens one where the chat allows it.
 */
export const personDestinationPrefix = 'user:';

/** The chat can take the message, but it would not reach the person it is for; the reason is for people. */
export class UndeliverableError extends Error {
  override name = 'UndeliverableError';
}

/**
 * The conversation is shared with another organisation (Slack Connect, a Teams shared channel), so
 * nothing internal may be posted there; admins are told once per conversation.
 */
export class SharedConversationError extends UndeliverableError {
  override name = 'SharedConversationError';
  constructor(
    readonly conversation: string,
    readonly conversationName?: string,
  ) {
    super(
      `people outside the account team can read ${conversationName ? `#${conversationName}` : conversation} (shared with another organisation, or guests or client contacts in it), so Tend posts no account data there; choose an internal channel`,
    );
  }
}
