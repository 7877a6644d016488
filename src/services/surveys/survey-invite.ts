import type { Reply } from '../../conversation/reply.js';
import type { CreatedSurvey } from './survey-requests.js';

/** The survey as a chat message to the contact: the question and one button per score. */
export function surveyInvite(survey: CreatedSurvey): Reply {
  const { scale } = survey.definition;
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  return {
    headline: survey.definition.question,
    tone: 'info',
    sections: [
      {
        lines: [`${scale.min} = ${scale.lowLabel}, ${scale.max} = ${scale.highLabel}. Only you see your answer here.`],
      },
    ],
    buttons: scores.map((score) => ({ label: String(score), command: `survey answer ${survey.requestId} ${score}` })),
  };
}
