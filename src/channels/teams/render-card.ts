import { renderChart } from '../../charts/render-chart.js';
import type { IntentCall, Reply, ReplyButton } from '../../replies/reply.js';

// Neutral replies as Adaptive Cards (schema 1.5, what Teams renders). Teams refuses messages over
// about 28 KB, so lists are cut well before that.

export type AdaptiveElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: AdaptiveElement[];
  actions?: AdaptiveElement[];
  msteams?: { width: 'Full' };
}

const maxRows = 25;
/** Small enough that the card stays under Teams' 28 KB with the chart inside. */
const teamsChartSize = { width: 480, height: 240 };
const maxActions = 5;
const containerStyle: Record<Reply['tone'], string> = {
  info: 'emphasis',
  good: 'good',
  warning: 'warning',
  critical: 'attention',
  error: 'attention',
};

function bar(score: number | null): string {
  if (score === null) return '░░░░░░░░░░';
  const filled = Math.max(0, Math.min(10, Math.round(score / 10)));
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

const text = (value: string, extra: AdaptiveElement = {}): AdaptiveElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});

/** What a card button sends back to Tend when pressed. */
export interface CardSubmit {
  /** `call` is what runs; `command` alone comes from cards posted before buttons carried calls. */
  tend: { command: string; call?: IntentCall; form?: ReplyButton['form'] };
}

/** Form buttons open a dialog (task module) through Teams' task/fetch invoke. */
export const formVerbs = { open: 'tend_form', submit: 'tend_form_submit' } as const;

export function submitAction(button: ReplyButton): AdaptiveElement {
  if (button.form)
    return {
      type: 'Action.Submit',
      title: button.label.slice(0, 60),
      data: { msteams: { type: 'task/fetch' }, verb: formVerbs.open, form: button.form },
    };
  const data: CardSubmit = { tend: { command: button.command, ...(button.call ? { call: button.call } : {}) } };
  return {
    type: 'Action.Submit',
    title: button.label.slice(0, 60),
    data,
    ...(button.style === 'primary' ? { style: 'positive' } : button.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

/** The chart as a small JPEG inside the card: Teams shows it without reaching back to Tend. */
const chartImage = (chart: NonNullable<Reply['chart']>): AdaptiveElement => ({
  type: 'Image',
  url: `data:image/jpeg;base64,${renderChart(chart, 'jpeg', teamsChartSize).toString('base64')}`,
  altText: chart.altText,
  size: 'Stretch',
});

/**
 * What a streamed answer's text cannot carry: its chart and its buttons. The streamed Markdown is
 * the answer; repeating it in a card showed every answer twice and pushed the message past the
 * size Teams accepts. Undefined when there is nothing to add.
 */
export function renderExtrasCard(reply: Reply): AdaptiveCard | undefined {
  const body: AdaptiveElement[] = reply.chart ? [chartImage(reply.chart)] : [];
  const buttons = reply.buttons ?? [];
  if (buttons.length > maxActions)
    for (let i = 0; i < buttons.length; i += maxActions)
      body.push({ type: 'ActionSet', actions: buttons.slice(i, i + maxActions).map(submitAction) });
  if (!body.length && !buttons.length) return undefined;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(buttons.length && buttons.length <= maxActions ? { actions: buttons.map(submitAction) } : {}),
    msteams: { width: 'Full' },
  };
}

export function renderCard(reply: Reply): AdaptiveCard {
  const body: AdaptiveElement[] = [
    // The tone is the container's tint, the text keeps the theme's own colour: a yellow headline on
    // white (Teams' "Warning" text) fails contrast, a tinted band reads in light and dark alike.
    {
      type: 'Container',
      style: containerStyle[reply.tone],
      bleed: true,
      items: [text(reply.headline, { size: 'Medium', weight: 'Bolder' })],
    },
  ];
  if (reply.facts?.length)
    body.push({ type: 'FactSet', facts: reply.facts.map((f) => ({ title: f.label, value: f.value })) });
  if (reply.chart) body.push(chartImage(reply.chart));
  if (reply.bars?.length)
    body.push({
      type: 'Container',
      items: reply.bars.map((b) =>
        text(`${bar(b.score)}  ${b.label} ${b.score ?? 'no data'}${b.note ? ` (${b.note})` : ''}`, {
          fontType: 'Monospace',
          spacing: 'None',
        }),
      ),
    });
  if (reply.table?.rows.length) {
    // One compact block per row, not a grid: at a phone's 340 px a six-column table breaks words
    // mid-letter and grows thousands of pixels tall. The first cell leads, the rest follow labelled.
    const { columns, rows } = reply.table;
    body.push({
      type: 'Container',
      separator: true,
      items: rows.slice(0, maxRows).map((cells, r) => ({
        type: 'Container',
        spacing: r === 0 ? 'Small' : 'Medium',
        items: [
          text(cells[0] ?? '', { weight: 'Bolder' }),
          text(
            cells
              .slice(1)
              .map((c, i) => (c ? `${columns[i + 1]}: ${c}` : ''))
              .filter(Boolean)
              .join(' · '),
            { spacing: 'None', isSubtle: true },
          ),
        ],
      })),
    });
    if (rows.length > maxRows) body.push(text(`... and ${rows.length - maxRows} more`, { isSubtle: true }));
  }
  for (const section of reply.sections ?? [])
    body.push({
      type: 'Container',
      separator: true,
      items: [
        ...(section.title ? [text(section.title, { weight: 'Bolder' })] : []),
        text(section.lines.map((l) => l.replace(/\n/g, ' ')).join('\n\n')),
      ],
    });
  // Cards allow 5 actions per set (the Adaptive Cards host default); longer choices (a 0-10 survey
  // scale) go in several action sets.
  const buttons = reply.buttons ?? [];
  if (buttons.length > maxActions)
    for (let i = 0; i < buttons.length; i += maxActions)
      body.push({ type: 'ActionSet', actions: buttons.slice(i, i + maxActions).map(submitAction) });
  if (reply.suggestions?.length)
    body.push(text(`Try: ${reply.suggestions.map((s) => `“${s}”`).join(', ')}`, { isSubtle: true, size: 'Small' }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(buttons.length && buttons.length <= maxActions ? { actions: buttons.map(submitAction) } : {}),
    msteams: { width: 'Full' },
  };
}
