import type { Actor } from '../services/access/actor.js';

/**
 * A message as every channel hands it over: adapters turn Slack events, Teams activities or
 * terminal input into this; use cases never see a channel's payloads.
 */
export interface InboundMessage {
  text: string;
  channel: 'shell' | 'slack' | 'teams' | 'mcp';
  /** Who asks and where, resolved by the adapter; the use cases decide what they may see. */
  actor: Actor;
  /**
   * The conversation (and thread) it was said in, as the channel identifies it: follow-ups ("and
   * why?") resolve against the last answer there. Absent: every message stands alone.
   */
  conversationKey?: string;
}
