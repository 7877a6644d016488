import { describe, expect, it } from 'vitest';
import {
  defaultSurveys,
  findSurvey,
  isAlarmingAnswer,
  mayBeSurveyed,
  mergeSurveys,
  surveyCatalogueSchema,
  triggeredBy,
} from '../../../src/core/surveys/survey-definitions.js';
import { customerVoice } from '../../../src/core/metrics/customer-voice.js';
import { getPreset } from '../../../src/core/presets/built-in-presets.js';

const now = new Date('2026-11-20T10:00:00Z');
const day = 86_400_000;
const training = {
  key: 'training',
  kind: 'custom' as const,
  question: 'How useful was the admin training?',
  scale: { min: 1, max: 5, lowLabel: 'Not useful', highLabel: 'Very useful' },
};

describe('survey definitions as data', () => {
  it('adds custom surveys and replaces a default of the same key', () => {
    const parsed = surveyCatalogueSchema.parse([
      training,
      { ...defaultSurveys[0]!, question: 'Would you recommend Acme Cloud to a peer?' },
    ]);
    const merged = mergeSurveys(defaultSurveys, parsed);
    expect(merged.map((d) => d.key)).toEqual(['nps', 'csat', 'ces', 'training']);
    expect(merged[0]!.question).toBe('Would you recommend Acme Cloud to a peer?');
    expect(findSurvey(merged, 'TRAINING')).toMatchObject({ ok: true, definition: { kind: 'custom' } });
    expect(findSurvey(merged, 'onboarding')).toEqual({
      ok: false,
      message: 'No survey "onboarding"; surveys: nps, csat, ces, training.',
    });
  });

  it('rejects duplicate keys, bad keys and scales that are not 2 to 11 points, saying where', () => {
    const dup = surveyCatalogueSchema.safeParse([training, training]);
    expect(dup.success).toBe(false);
    expect(dup.error!.issues[0]).toMatchObject({ path: [1, 'key'], message: '"training" is defined twice' });
    const bad = surveyCatalogueSchema.safeParse([{ ...training, key: 'Training Survey' }]);
    expect(bad.error!.issues[0]).toMatchObject({ path: [0, 'key'], message: 'use lower_snake_case' });
    const scale = surveyCatalogueSchema.safeParse([{ ...training, scale: { ...training.scale, min: 0, max: 20 } }]);
    expect(scale.error!.issues[0]!.message).toBe('a scale has 2 to 11 points');
  });

  it('alerts on detractors and low CSAT by default, on a custom survey only at its own threshold', () => {
    const [nps, csat] = defaultSurveys;
    expect([6, 7].map((s) => isAlarmingAnswer(nps!, s))).toEqual([true, false]);
    expect([2, 3].map((s) => isAlarmingAnswer(csat!, s))).toEqual([true, false]);
    expect(isAlarmingAnswer(training, 1)).toBe(false);
    expect([2, 3].map((s) => isAlarmingAnswer({ ...training, alertAtOrBelow: 2 }, s))).toEqual([true, false]);
  });

  it('CSAT follows an onboarding milestone within its window, not other activities', () => {
    const csat = defaultSurveys.find((d) => d.key === 'csat')!;
    const milestone = (title: string, daysAgo: number, kind = 'milestone') => ({
      kind,
      title,
      occurredAt: new Date(now.getTime() - daysAgo * day),
    });
    expect(triggeredBy(csat, milestone('Onboarding complete', 1), now)).toBe(true);
    expect(triggeredBy(csat, milestone('Go-live in EMEA', 13), now)).toBe(true);
    expect(triggeredBy(csat, milestone('Onboarding complete', 15), now)).toBe(false);
    expect(triggeredBy(csat, milestone('Renewal signed', 1), now)).toBe(false);
    expect(triggeredBy(csat, milestone('Onboarding complete', 1, 'note'), now)).toBe(false);
    expect(triggeredBy(defaultSurveys[0]!, milestone('Onboarding complete', 1), now)).toBe(false);
  });

  it('throttles by the last survey and honours opt-out', () => {
    expect(mayBeSurveyed({ optedOut: false, lastSurveyedAt: null }, now, 30)).toEqual({ ok: true });
    expect(mayBeSurveyed({ optedOut: true, lastSurveyedAt: null }, now, 30)).toMatchObject({ ok: false });
    expect(
      mayBeSurveyed({ optedOut: false, lastSurveyedAt: new Date(now.getTime() - 29 * day) }, now, 30),
    ).toMatchObject({ ok: false, reason: 'surveyed on 2026-10-22; next possible on 2026-11-21' });
    expect(mayBeSurveyed({ optedOut: false, lastSurveyedAt: new Date(now.getTime() - 30 * day) }, now, 30)).toEqual({
      ok: true,
    });
  });
});

describe('customer voice beside the health model', () => {
  const answers = [
    { surveyType: 'nps', score: 10, receivedAt: '2026-11-01T09:00:00Z' },
    { surveyType: 'nps', score: 3, receivedAt: '2026-11-19T09:00:00Z' },
    { surveyType: 'csat', score: 4, receivedAt: '2026-10-01T09:00:00Z' },
    { surveyType: 'sentiment', score: -0.5, receivedAt: '2026-11-19T09:00:00Z' },
    { surveyType: 'nps', score: 0, receivedAt: '2026-01-01T09:00:00Z' },
  ];
  const model = (id: string) => getPreset(id).model!;

  it('says which figures the model weighs', () => {
    const miyar = customerVoice(answers, model('miyar'), now, 180);
    expect(miyar).toEqual([
      expect.objectContaining({
        metric: 'nps',
        text: 'NPS 0 from 2 answers',
        asOf: '2026-11-19',
        weighedIn: 'Satisfaction signals',
      }),
      expect.objectContaining({ metric: 'csat', text: 'CSAT 4.0/5 from 1 answer', weighedIn: 'Satisfaction signals' }),
      expect.objectContaining({ metric: 'comment_sentiment_pct', text: 'Comment sentiment 25/100 from 1 comment' }),
    ]);
    const bis = customerVoice(answers, model('bis-table'), now, 180);
    expect(bis.map((v) => v.weighedIn)).toEqual([undefined, undefined, undefined]);
    expect(customerVoice([], model('miyar'), now, 180)).toEqual([]);
  });
});
