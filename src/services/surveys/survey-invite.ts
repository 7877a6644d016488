import type { Reply } from '../../conversation/reply.js';
import type { CreatedSurvey } from './survey-requests.js';

type InviteInput = Pick<CreatedSurvey, 'requestId' | 'destination' | 'respondent' | 'definition'>;

/** The survey as a chat message to the contact: the question and one button per score. */
export function surveyInvite(survey: InviteInput): Reply {
  const { scale } = survey.definition;
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  // Posted in a shared channel, the message names its one respondent; answers still go to them alone.
  const shared = survey.destination !== survey.respondent && /^[CG]/.test(survey.destination);
  return {
    headline: survey.definition.question,
    tone: 'info',
    ...(shared ? { addressee: survey.respondent } : {}),
    sections: [
      {
        lines: [
          `${scale.min} = ${scale.lowLabel}, ${scale.max} = ${scale.highLabel}.`,
          shared ? 'Only you can answer, and only you see your answer and comment.' : 'Only you see your answer here.',
        ],
      },
    ],
    buttons: [
      ...scores.map((score) => ({ label: String(score), command: `survey answer ${survey.requestId} ${score}` })),
      { label: 'Do not ask me again', command: `survey optout ${survey.requestId}` },
    ],
  };
}
