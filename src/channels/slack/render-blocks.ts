import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { IntentCall, Reply, ReplyButton } from '../../replies/reply.js';

// Slack's limits (docs.slack.dev, Block Kit reference): 50 blocks per message, 100 per view;
// section text 3,000 chars; 10 fields of 2,000; header 150; button text 75, value 2,000;
// 25 elements per actions block. Messages are also refused at about 13k characters of blocks in
// total (msg_blocks_too_long), so long lists are cut well before that.
export const slackLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  contextElements: 10,
  fallbackText: 3000,
  totalText: 12_000,
  buttonsText: 6_000,
} as const;

export const actionIds = {
  command: 'tend_cmd',
  form: 'tend_form',
  share: 'tend_share',
} as const;

const toneMark: Record<Reply['tone'], string> = {
  info: ':information_source:',
  good: ':large_green_circle:',
  warning: ':large_yellow_circle:',
  critical: ':red_circle:',
  error: ':warning:',
};

/** Slack mrkdwn treats &, < and > as markup; anything from data is escaped. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function bar(score: number | null): string {
  if (score === null) return '░░░░░░░░░░';
  const filled = Math.max(0, Math.min(10, Math.round(score / 10)));
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

/** Lines into as few sections as fit 3,000 characters each. */
function sectionsOf(lines: string[], title?: string): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let current = title ? `*${escapeMrkdwn(title)}*` : '';
  for (const raw of lines) {
    const line = cut(raw, slackLimits.sectionText - 100);
    if (current && current.length + line.length + 1 > slackLimits.sectionText) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return blocks;
}

/**
 * What a button carries back: the intent to run, or the form to open. `command` alone comes from
 * messages posted before buttons carried calls; it is then read like typed text.
 */
export interface ButtonPayload {
  command: string;
  call?: IntentCall;
  form?: ReplyButton['form'];
}

export function buttonElement(button: ReplyButton, index: number): Button {
  const payload: ButtonPayload = {
    command: button.command,
    ...(button.call ? { call: button.call } : {}),
    ...(button.form ? { form: button.form } : {}),
  };
  return {
    type: 'button',
    text: { type: 'plain_text', text: cut(button.label, slackLimits.buttonText), emoji: true },
    action_id: `${button.form ? actionIds.form : actionIds.command}_${index}`,
    value: cut(JSON.stringify(payload), slackLimits.buttonValue),
    ...(button.style ? { style: button.style } : {}),
  };
}

export interface RenderOptions {
  /** Adds a "Share in channel" button that re-posts the answer for everyone (ephemeral answers). */
  shareCommand?: string;
  /** What the share button runs again (the intent that produced the answer); else `shareCommand` is re-read. */
  shareCall?: IntentCall;
  maxBlocks?: number;
}

/** A neutral reply as Block Kit, within Slack's limits, with unique block and action ids. */
export function renderBlocks(reply: Reply, options: RenderOptions = {}): { text: string; blocks: KnownBlock[] } {
  const maxBlocks = options.maxBlocks ?? slackLimits.messageBlocks;
  // Slack ids are [A-Z0-9]; anything else would be markup injected through data.
  const mention = reply.addressee && /^[UW][A-Z0-9]+$/.test(reply.addressee) ? `<@${reply.addressee}>` : undefined;
  const body: KnownBlock[] = [];
  body.push({
    type: 'header',
    text: {
      type: 'plain_text',
      text: cut(`${toneMark[reply.tone]} ${reply.headline}`, slackLimits.headerText),
      emoji: true,
    },
  });
  if (mention) body.push({ type: 'section', text: { type: 'mrkdwn', text: `For ${mention}` } });
  if (reply.facts?.length) {
    for (let i = 0; i < reply.facts.length; i += slackLimits.fields)
      body.push({
        type: 'section',
        fields: reply.facts.slice(i, i + slackLimits.fields).map((f) => ({
          type: 'mrkdwn',
          text: cut(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, slackLimits.fieldText),
        })),
      });
  }
  if (reply.bars?.length) {
    body.push(
      ...sectionsOf(
        reply.bars.map(
          (b) =>
            `\`${bar(b.score)}\` *${escapeMrkdwn(b.label)}* ${b.score ?? 'no data'}${b.note ? ` _(${escapeMrkdwn(b.note)})_` : ''}`,
        ),
      ),
    );
  }
  if (reply.table?.rows.length) {
    const { columns, rows } = reply.table;
    body.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: cut(columns.map(escapeMrkdwn).join(' · '), 3000) }],
    });
    body.push(
      ...sectionsOf(
        rows.map((r) =>
          r
            .map((cell, i) => (i === 0 ? `*${escapeMrkdwn(cell)}*` : escapeMrkdwn(cell)))
            .filter((cell) => cell !== '')
            .join(' · '),
        ),
      ),
    );
  }
  for (const section of reply.sections ?? []) body.push(...sectionsOf(section.lines.map(escapeMrkdwn), section.title));

  // Buttons get a share of the message's size; the rest are left out (a long list of choices
  // is better asked again more narrowly).
  const buttons: Button[] = [];
  let buttonBytes = 0;
  for (const [i, b] of (reply.buttons ?? []).entries()) {
    const element = buttonElement(b, i);
    buttonBytes += JSON.stringify(element).length;
    if (buttonBytes > slackLimits.buttonsText) break;
    buttons.push(element);
  }
  if (options.shareCommand)
    buttons.push({
      type: 'button',
      text: { type: 'plain_text', text: 'Share in channel' },
      action_id: actionIds.share,
      value: cut(
        options.shareCall
          ? JSON.stringify({ command: options.shareCommand, call: options.shareCall } satisfies ButtonPayload)
          : options.shareCommand,
        slackLimits.buttonValue,
      ),
    });
  const actions: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += slackLimits.actionsElements)
    actions.push({ type: 'actions', elements: buttons.slice(i, i + slackLimits.actionsElements) });
  const suggestions: ContextBlock[] = reply.suggestions?.length
    ? [
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: cut(`Try: ${reply.suggestions.map((s) => `“${escapeMrkdwn(s)}”`).join(', ')}`, 3000),
            },
          ],
        },
      ]
    : [];

  // Keep the headline, the buttons and the suggestions; cut the middle when over the limits.
  const tail = [...actions, ...suggestions];
  const room = maxBlocks - tail.length - 1;
  let kept = body;
  const size = (blocks: KnownBlock[]) => JSON.stringify(blocks).length;
  if (kept.length > maxBlocks - tail.length || size([...kept, ...tail]) > slackLimits.totalText) {
    kept = body.slice(0, room);
    while (kept.length > 1 && size([...kept, ...tail]) > slackLimits.totalText - 200) kept.pop();
    kept.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `_${body.length - kept.length} more part(s) left out; ask a narrower question._` },
      ],
    });
  }
  const blocks = [...kept, ...tail].map((b, i) => ({ ...b, block_id: `b${i}` }));
  return {
    // The fallback text is mrkdwn too (notifications, screen readers): a "<!channel>" in an account
    // name would ping everyone, so data is escaped here as in the blocks.
    text: cut(
      `${mention ? `${mention} ` : ''}${toneMark[reply.tone]} ${escapeMrkdwn(reply.headline)}`,
      slackLimits.fallbackText,
    ),
    blocks,
  };
}
