/** VADER's conventional cut-offs on the compound score (-1..1). */
export const sentimentThreshold = 0.05;

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export function sentimentLabel(compound: number): SentimentLabel {
  return compound >= sentimentThreshold ? 'positive' : compound <= -sentimentThreshold ? 'negative' : 'neutral';
}

/** Compound -1..1 as a 0..100 share, the unit of the comment_sentiment_pct metric. */
export const sentimentPct = (compound: number) => (compound + 1) * 50;
