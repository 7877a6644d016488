import { z } from 'zod';
import { intentButton } from '../../replies/reply.js';
import { answerSurvey } from '../../services/surveys/survey-requests.js';
import { defineIntent } from '../intent.js';

/** A score pressed on a survey invite; only the person surveyed may answer, and may change it until expiry. */
export default defineIntent({
  name: 'survey_answer',
  args: z.object({ requestId: z.string().regex(/^[0-9a-f-]{36}$/i), score: z.number().int().min(0).max(99) }),
  access: 'respondent',
  rules: [
    {
      priority: 32,
      match: ({ text }) => {
        const m = /^survey answer ([0-9a-f-]{36}) (\d{1,2})$/i.exec(text);
        return m ? { requestId: m[1]!.toLowerCase(), score: Number(m[2]) } : undefined;
      },
    },
  ],
  async handle({ deps, actor, now }, { requestId, score }) {
    if (!actor.chatIdentity) return { headline: 'This survey is not yours to answer.', tone: 'info' };
    const result = await answerSurvey(deps.prisma, { requestId, respondent: actor.chatIdentity, score }, now);
    if (result.outcome === 'expired')
      return { headline: 'This survey has closed; thank you all the same.', tone: 'info' };
    await deps.onSurveyAnswered?.(requestId);
    const { followUp } = result.definition;
    return {
      headline:
        result.outcome === 'updated'
          ? `Updated: you answered ${score}. Thank you!`
          : `Thank you! You answered ${score}.`,
      tone: 'good',
      ...(followUp
        ? {
            sections: [
              {
                lines: [
                  `${followUp} (optional${actor.place === 'dm' ? ': write it here, or press Add a comment' : ''})`,
                ],
              },
            ],
            buttons: [
              intentButton(
                'Add a comment',
                `survey comment ${requestId}: `,
                'survey_comment',
                { requestId, text: '' },
                { form: { kind: 'survey_comment', accountId: requestId, accountName: followUp } },
              ),
            ],
          }
        : {}),
    };
  },
});
