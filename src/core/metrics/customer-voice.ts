import type { HealthModel } from '../scoring/health-model-schema.js';
import { surveyMetrics, type SurveyAnswerFact } from './derived-metrics.js';

export interface VoiceFigure {
  metric: 'nps' | 'csat' | 'comment_sentiment_pct';
  /** "NPS +20 from 5 answers" */
  text: string;
  value: number;
  answers: number;
  /** Date of the newest answer. */
  asOf: string;
  /** The model's dimension that weighs it, if any: the score moves with it only then. */
  weighedIn?: string;
}

const typeOf = { nps: 'nps', csat: 'csat', comment_sentiment_pct: 'sentiment' } as const;

/**
 * What clients said in the window, as the figures the models read (NPS, CSAT, comment sentiment),
 * and whether this account's model weighs each. Shown with every health answer, so a survey answer
 * is visible whichever model scores the account.
 */
export function customerVoice(
  answers: readonly SurveyAnswerFact[],
  model: HealthModel,
  now: Date,
  windowDays: number,
): VoiceFigure[] {
  return surveyMetrics(answers, now, windowDays).map((o) => {
    const metric = o.metric as VoiceFigure['metric'];
    const from = now.getTime() - windowDays * 86_400_000;
    const count = answers.filter(
      (a) =>
        a.surveyType === typeOf[metric] && Date.parse(a.receivedAt) > from && Date.parse(a.receivedAt) <= now.getTime(),
    ).length;
    const dimension = model.dimensions.find((d) => d.inputs.some((i) => i.metric === metric));
    const figure =
      metric === 'nps'
        ? `NPS ${o.value > 0 ? '+' : ''}${Math.round(o.value)}`
        : metric === 'csat'
          ? `CSAT ${o.value.toFixed(1)}/5`
          : `Comment sentiment ${Math.round(o.value)}/100`;
    return {
      metric,
      text: `${figure} from ${count} ${metric === 'comment_sentiment_pct' ? 'comment' : 'answer'}${count === 1 ? '' : 's'}`,
      value: o.value,
      answers: count,
      asOf: o.date,
      ...(dimension ? { weighedIn: dimension.label } : {}),
    };
  });
}
