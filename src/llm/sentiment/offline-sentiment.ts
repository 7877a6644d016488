import vader from 'vader-sentiment';
import { sentimentLabel, type SentimentLabel } from '../../core/text/sentiment.js';

export interface Sentiment {
  /** -1 (most negative) .. 1 (most positive). */
  score: number;
  label: SentimentLabel;
}

/**
 * Sentiment of one comment with VADER (Hutto & Gilbert 2014), offline and deterministic. It runs
 * when feedback is stored, whatever LLM is configured, so stored scores never depend on a model.
 */
export function offlineSentiment(text: string): Sentiment {
  const compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  const score = Math.round(compound * 10_000) / 10_000;
  return { score, label: sentimentLabel(score) };
}
