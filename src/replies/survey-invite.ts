import type { SurveyDefinition } from '../core/surveys/survey-definitions.js';
import { intentButton, type Reply } from './reply.js';

interface InviteInput {
  requestId: string;
  /** Where the invite is posted: the contact's DM, or a channel shared with the client. */
  destination: string;
  /** The one person who may answer (their chat identity). */
  respondent: string;
  definition: Pick<SurveyDefinition, 'question' | 'scale'>;
}

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
      ...scores.map((score) =>
        intentButton(String(score), `survey answer ${survey.requestId} ${score}`, 'survey_answer', {
          requestId: survey.requestId,
          score,
        }),
      ),
      intentButton('Do not ask me again', `survey optout ${survey.requestId}`, 'survey_optout', {
        requestId: survey.requestId,
      }),
    ],
  };
}
