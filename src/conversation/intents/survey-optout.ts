import { z } from 'zod';
import { optOutOfSurveys } from '../../services/surveys/survey-requests.js';
import { defineIntent } from '../intent.js';

/** "Do not ask me again", pressed by the person surveyed. */
export default defineIntent({
  name: 'survey_optout',
  args: z.object({ requestId: z.string().regex(/^[0-9a-f-]{36}$/i) }),
  access: 'respondent',
  rules: [
    {
      priority: 33,
      match: ({ text }) => {
        const m = /^survey optout ([0-9a-f-]{36})$/i.exec(text);
        return m ? { requestId: m[1]!.toLowerCase() } : undefined;
      },
    },
  ],
  async handle({ deps, actor }, { requestId }) {
    if (!actor.chatIdentity) return { headline: 'This survey is not yours to answer.', tone: 'info' };
    await optOutOfSurveys(deps.prisma, { requestId, respondent: actor.chatIdentity });
    return {
      headline: 'Understood: we will not ask you for feedback here again.',
      tone: 'info',
      sections: [{ lines: ['If you change your mind, tell your account team.'] }],
    };
  },
});
