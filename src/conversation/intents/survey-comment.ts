import { z } from 'zod';
import { commentOnSurvey } from '../../services/surveys/survey-requests.js';
import { defineIntent } from '../intent.js';

/** A respondent's follow-up comment: the customer's own words, kept verbatim. */
export default defineIntent({
  name: 'survey_comment',
  args: z.object({ requestId: z.string().regex(/^[0-9a-f-]{36}$/i), text: z.string().max(10_000) }),
  access: 'respondent',
  rules: [
    {
      // Read from the raw message: punctuation and all.
      priority: 10,
      match: ({ raw }) => {
        const m = /^survey comment ([0-9a-f-]{36}):\s*([\s\S]*)$/i.exec(raw.trim());
        return m ? { requestId: m[1]!.toLowerCase(), text: m[2]!.trim() } : undefined;
      },
    },
  ],
  async handle({ deps, actor, now }, { requestId, text }) {
    if (!actor.chatIdentity) return { headline: 'This survey is not yours to answer.', tone: 'info' };
    await commentOnSurvey(deps.prisma, { requestId, respondent: actor.chatIdentity, text }, now);
    await deps.onSurveyAnswered?.(requestId);
    return { headline: 'Thank you, that helps us a lot. This survey is now closed.', tone: 'good' };
  },
});
