// Channel-neutral messages. Adapters turn Slack events, Teams activities or terminal input into an
// InboundMessage, and render a Reply into Block Kit, Adaptive Cards or text; use cases never see
// a channel's payloads.

export interface InboundMessage {
  text: string;
  channel: 'shell' | 'slack' | 'teams';
  /** Where it was said: a direct message, a channel, or a channel shared with another organisation. */
  place: 'dm' | 'channel' | 'shared_channel';
  /** The Tend user, when the sender is a known internal user. */
  userId?: string;
  /** True when the sender belongs to another organisation (guest, Slack Connect, other tenant). */
  external: boolean;
}

export interface Reply {
  headline: string;
  tone: 'info' | 'good' | 'warning' | 'critical' | 'error';
  /** Short label/value pairs shown together. */
  facts?: { label: string; value: string }[];
  /** Scores drawn as bars (0..100). */
  bars?: { label: string; score: number | null; note?: string }[];
  /** Paragraphs or bullet groups. */
  sections?: { title?: string; lines: string[] }[];
  table?: { columns: string[]; rows: string[][] };
  /** Actions a person can take; `command` is what the action runs, as if typed. */
  buttons?: { label: string; command: string }[];
  /** Example follow-ups. */
  suggestions?: string[];
}
