import { roundTo } from '../scoring/rounding.js';
import { sentimentLabel, type SentimentLabel } from '../text/sentiment.js';
import { themesOf, type ThemeTaxonomy } from './theme-taxonomy.js';
import { appendTo } from '../collections/append-to.js';

export interface FeedbackFact {
  id: string;
  text: string | null;
  /** -1..1; null when the item has no text. */
  sentiment: number | null;
  surveyType: string | null;
  score: number | null;
  receivedAt: string;
  contact: string | null;
}

export interface ThemeSummary {
  key: string;
  label: string;
  comments: number;
  /** Mean sentiment of the theme's comments, -1..1, 2 decimals. */
  sentiment: number;
  mood: SentimentLabel;
}

export interface Quote {
  feedbackId: string;
  /** Verbatim from the stored comment (a whole comment, or one of its sentences). */
  text: string;
  sentiment: number;
  theme: string | null;
  receivedAt: string;
  contact: string | null;
}

export interface FeedbackSummary {
  period: { from: string; to: string; days: number };
  items: number;
  comments: number;
  /** Mean sentiment of the comments, -1..1 (2 decimals), null without comments. */
  sentiment: number | null;
  sentimentLabel: SentimentLabel | null;
  previous: { comments: number; sentiment: number | null };
  /** Change of mean sentiment against the previous period of the same length. */
  sentimentChange: number | null;
  labels: Record<SentimentLabel, number>;
  themes: ThemeSummary[];
  quotes: Quote[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const maxQuoteLength = 280;

/** A quotable piece of a comment: the whole comment if short, else its most telling sentence. */
function quotable(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxQuoteLength) return trimmed;
  const sentences = trimmed.split(/(?<=[.!?])\s+/).filter((s) => s.length >= 20 && s.length <= maxQuoteLength);
  if (!sentences.length) return trimmed.slice(0, maxQuoteLength).trim();
  // Longest sentence is a reasonable proxy for the one that carries the point.
  return sentences.reduce((best, s) => (s.length > best.length ? s : best), sentences[0]!);
}

/**
 * What customers said in a period: overall sentiment and its change against the previous period,
 * themes with counts and sentiment, and representative verbatim quotes linked to their items.
 */
export function summariseFeedback(
  current: readonly FeedbackFact[],
  previous: readonly FeedbackFact[],
  taxonomy: ThemeTaxonomy,
  period: { from: string; to: string; days: number },
): FeedbackSummary {
  const comments = current.filter((f) => f.text && f.sentiment !== null);
  const prevComments = previous.filter((f) => f.text && f.sentiment !== null);
  const avg = mean(comments.map((c) => c.sentiment!));
  const prevAvg = mean(prevComments.map((c) => c.sentiment!));
  const labels: Record<SentimentLabel, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const c of comments) labels[sentimentLabel(c.sentiment!)]++;

  const byTheme = new Map<string, FeedbackFact[]>();
  for (const c of comments) for (const key of themesOf(c.text!, taxonomy)) appendTo(byTheme, key, c);
  const themes: ThemeSummary[] = taxonomy.themes
    .filter((t) => byTheme.has(t.key))
    .map((t) => {
      const s = mean(byTheme.get(t.key)!.map((c) => c.sentiment!))!;
      return {
        key: t.key,
        label: t.label,
        comments: byTheme.get(t.key)!.length,
        sentiment: roundTo(s, 2),
        mood: sentimentLabel(s),
      };
    })
    .sort((a, b) => b.comments - a.comments || a.sentiment - b.sentiment);

  // One quote per leading theme, leaning the way the theme leans; then the strongest either way.
  const quotes: Quote[] = [];
  const used = new Set<string>();
  const quote = (c: FeedbackFact, theme: string | null) => {
    used.add(c.id);
    quotes.push({
      feedbackId: c.id,
      text: quotable(c.text!),
      sentiment: roundTo(c.sentiment!, 2),
      theme,
      receivedAt: c.receivedAt,
      contact: c.contact,
    });
  };
  for (const t of themes.slice(0, 3)) {
    const pool = byTheme.get(t.key)!.filter((c) => !used.has(c.id));
    if (!pool.length) continue;
    const pick = pool.reduce((best, c) =>
      (t.sentiment < 0 ? c.sentiment! < best.sentiment! : c.sentiment! > best.sentiment!) ? c : best,
    );
    quote(pick, t.key);
  }
  const rest = comments.filter((c) => !used.has(c.id));
  if (rest.length)
    quote(
      rest.reduce((a, c) => (c.sentiment! < a.sentiment! ? c : a)),
      null,
    );
  const rest2 = comments.filter((c) => !used.has(c.id));
  if (rest2.length)
    quote(
      rest2.reduce((a, c) => (c.sentiment! > a.sentiment! ? c : a)),
      null,
    );

  return {
    period,
    items: current.length,
    comments: comments.length,
    sentiment: avg === null ? null : roundTo(avg, 2),
    sentimentLabel: avg === null ? null : sentimentLabel(avg),
    previous: { comments: prevComments.length, sentiment: prevAvg === null ? null : roundTo(prevAvg, 2) },
    sentimentChange: avg === null || prevAvg === null ? null : roundTo(avg - prevAvg, 2),
    labels,
    themes,
    quotes,
  };
}
