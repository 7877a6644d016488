import type { Actor } from '../services/access/actor.js';

// Channel-neutral messages. Adapters turn Slack events, Teams activities or terminal input into an
// InboundMessage, and render a Reply into Block Kit, Adaptive Cards or text; use cases never see
// a channel's payloads.

export interface InboundMessage {
  text: string;
  channel: 'shell' | 'slack' | 'teams';
  /** Who asks and where, resolved by the adapter; the use cases decide what they may see. */
  actor: Actor;
}

/** A form a button opens (a Slack modal, a Teams dialog); terminals show how to type it instead. */
export interface FormRequest {
  /** survey_comment: `accountId` holds the survey request id and `accountName` the question. */
  kind: 'note' | 'goal' | 'survey_comment';
  accountId: string;
  accountName: string;
}

export interface ReplyButton {
  label: string;
  /** What the button runs, as if typed. */
  command: string;
  /** Opens a form instead of running `command` where the channel has forms. */
  form?: FormRequest;
  style?: 'primary' | 'danger';
}

export interface Reply {
  headline: string;
  tone: 'info' | 'good' | 'warning' | 'critical' | 'error';
  /** The one person a message in a shared conversation is for (a Slack user id); Slack mentions them. */
  addressee?: string;
  /** Short label/value pairs shown together. */
  facts?: { label: string; value: string }[];
  /** Scores drawn as bars (0..100). */
  bars?: { label: string; score: number | null; note?: string }[];
  /** Paragraphs or bullet groups. */
  sections?: { title?: string; lines: string[] }[];
  table?: { columns: string[]; rows: string[][] };
  /** Actions a person can take. */
  buttons?: ReplyButton[];
  /** Example follow-ups. */
  suggestions?: string[];
}
