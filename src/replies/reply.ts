// Channel-neutral messages. Use cases and proactive jobs build a Reply; the Slack, Teams and terminal
// adapters render it into Block Kit, Adaptive Cards or text. This module sits below services and
// conversation: it imports nothing above the core.

/**
 * What a button or form runs: an intent by name with its arguments, checked against that intent's
 * schema when it comes back. Nothing is re-parsed from text.
 */
export interface IntentCall {
  intent: string;
  args: Record<string, unknown>;
}

/** A form a button opens (a Slack modal, a Teams dialog); terminals show how to type it instead. */
export interface FormRequest {
  /**
   * survey_comment: `accountId` holds the survey request id and `accountName` the question.
   * skip_reason: `accountId` holds the play task id and `accountName` the step and its account.
   */
  kind: 'note' | 'goal' | 'survey_comment' | 'skip_reason';
  accountId: string;
  accountName: string;
}

export interface ReplyButton {
  label: string;
  /** The same act typed as a command: shown in terminals and kept for messages posted before `call`. */
  command: string;
  /** What pressing the button runs. */
  call?: IntentCall;
  /** Opens a form instead of running `call` where the channel has forms. */
  form?: FormRequest;
  style?: 'primary' | 'danger';
}

/** A chart as data: channels draw it (a PNG in Slack and Teams, a sparkline in a terminal). */
export interface ChartSpec {
  kind: 'health_trend' | 'nps_trend' | 'portfolio_arr';
  title: string;
  /** The value axis; health scores run 0..100 (the default), NPS -100..100, ARR from 0 up (no max). */
  yRange?: { min: number; max?: number };
  /** ISO days, oldest first; every series has one value (or null) per day. */
  days: string[];
  series: { key: string; label: string; values: (number | null)[]; emphasis?: boolean; colour?: string }[];
  /** Score bands shaded behind the lines. */
  bands: { label: string; min: number; max: number; colour: string }[];
  /** Days an alert opened, marked on the overall line. */
  markers: { day: string; label: string }[];
  /** What the chart shows, in words and numbers, for people who cannot see it. */
  altText: string;
  /** The day the answer is as of, marked "today" on the time axis. */
  asOf?: string;
}

/** A file for the asker alone (a QBR deck): channels send it privately, or say where to get it. */
export interface ReplyFile {
  name: string;
  title: string;
  mime: string;
  bytes: Uint8Array;
  /** The line sent with the file. */
  summary: string;
  /** How to build it again from stored data (Teams asks the person first, then uploads). */
  ref: { kind: 'qbr'; draftId: string; format: 'pptx' | 'docx' };
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
  chart?: ChartSpec;
  file?: ReplyFile;
  /** The answer's figures as values (the score as a number, not "97.4/100"), for callers that read data. */
  figures?: Record<string, number | string | null>;
  /**
   * The request named something Tend could not resolve (an account): no answer, the candidates.
   * Chat shows them as buttons; an assistant gets an error with the same call for each candidate.
   */
  unresolved?: { kind: 'account'; query: string; candidates: string[] };
  /** Which rows of a longer list the table (or section) holds, when a page was asked for. */
  page?: ReplyPage;
}

/** A page of a list: rows `offset` to `offset + returned - 1` of `total`. */
export interface ReplyPage {
  offset: number;
  returned: number;
  total: number;
}

/** A button that runs an intent, with the command a person would type for the same thing. */
export function intentButton(
  label: string,
  command: string,
  intent: string,
  args: Record<string, unknown>,
  extra: Pick<ReplyButton, 'style' | 'form'> = {},
): ReplyButton {
  return { label, command, call: { intent, args }, ...extra };
}
