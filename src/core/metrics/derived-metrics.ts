import type { Observation } from '../scoring/resolve-inputs.js';
import { sentimentPct } from '../text/sentiment.js';
import { csatFromScores, npsFromScores } from './value-metrics.js';

export interface SurveyAnswerFact {
  surveyType: string;
  score: number;
  /** ISO time the answer arrived. */
  receivedAt: string;
}

/**
 * NPS (-100..100, from 0-10 answers), CSAT (mean of 1-5 answers) and comment sentiment (mean of
 * the -1..1 scores as 0..100, answers with surveyType "sentiment") over the `windowDays` before
 * `now`, as observations dated on the newest answer, so models read them like any other metric.
 */
export function surveyMetrics(answers: readonly SurveyAnswerFact[], now: Date, windowDays = 180): Observation[] {
  const from = now.getTime() - windowDays * 86_400_000;
  const out: Observation[] = [];
  for (const [type, metric] of [
    ['nps', 'nps'],
    ['csat', 'csat'],
    ['sentiment', 'comment_sentiment_pct'],
  ] as const) {
    const inWindow = answers.filter(
      (a) => a.surveyType === type && Date.parse(a.receivedAt) > from && Date.parse(a.receivedAt) <= now.getTime(),
    );
    if (inWindow.length === 0) continue;
    const scores = inWindow.map((a) => a.score);
    const value =
      type === 'nps'
        ? npsFromScores(scores).nps!
        : type === 'csat'
          ? csatFromScores(scores).average!
          : scores.reduce((sum, s) => sum + sentimentPct(s), 0) / scores.length;
    const newest = inWindow
      .map((a) => a.receivedAt)
      .sort()
      .at(-1)!;
    out.push({ metric, date: newest.slice(0, 10), value });
  }
  return out;
}
