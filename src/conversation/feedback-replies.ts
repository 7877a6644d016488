import type { FeedbackSummary } from '../core/feedback/summarise-feedback.js';
import type { Wording } from '../llm/grounded-wording.js';
import type { FeedbackWording } from '../../prompts/summarise-feedback/schema.js';
import type { Reply } from '../replies/reply.js';

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

/** "What are customers saying about Acme?": sentiment, themes, quotes, and the worded overview. */
export function feedbackReply(scope: string, summary: FeedbackSummary, wording: Wording<FeedbackWording>): Reply {
  if (summary.comments === 0)
    return {
      headline: `No customer comments for ${scope} in the last ${summary.period.days} days.`,
      tone: 'info',
      ...(summary.items ? { facts: [{ label: 'Survey answers without comments', value: String(summary.items) }] } : {}),
    };
  const change =
    summary.sentimentChange === null
      ? ''
      : ` (${signed(summary.sentimentChange)} vs the previous ${summary.period.days} days)`;
  return {
    headline: `${scope}: ${summary.comments} comments in ${summary.period.days} days, sentiment ${signed(summary.sentiment!)} ${summary.sentimentLabel}${change}`,
    tone: summary.sentimentLabel === 'negative' ? 'warning' : summary.sentimentLabel === 'positive' ? 'good' : 'info',
    facts: [
      { label: 'Positive', value: String(summary.labels.positive) },
      { label: 'Neutral', value: String(summary.labels.neutral) },
      { label: 'Negative', value: String(summary.labels.negative) },
      { label: 'Period', value: `${summary.period.from} to ${summary.period.to}` },
    ],
    table: {
      columns: ['Theme', 'Comments', 'Sentiment'],
      rows: summary.themes.map((t) => [t.label, String(t.comments), `${signed(t.sentiment)} ${t.mood}`]),
    },
    sections: [
      {
        title: 'Summary',
        lines: [wording.value.overview, ...wording.value.highlights.map((h) => `• ${h}`), `(${wording.note})`],
      },
      {
        title: 'In their words',
        lines: summary.quotes.map((q) => `“${q.text}” (${[q.contact, q.receivedAt].filter(Boolean).join(', ')})`),
      },
    ],
  };
}
