import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { personDestinationPrefix, UndeliverableError, type AlertNotifiers } from '../alerts/alert-notifier.js';
import { InputError } from '../accounts/input-error.js';
import type { CreatedSurvey } from './survey-requests.js';
import { surveyInvite } from '../../replies/survey-invite.js';

const channelName = (channel: 'SLACK' | 'TEAMS') => (channel === 'SLACK' ? 'Slack' : 'Teams');

/**
 * Posts a prepared survey and records where it landed. When it cannot be posted (the chat is not
 * connected, the bot is not in the channel, the chat refuses) the request is cancelled and the
 * contact's last-surveyed time restored, so a failed send does not block the next one.
 */
export async function deliverSurvey(
  deps: { prisma: PrismaClient; notifiers: AlertNotifiers; logger?: Logger },
  survey: CreatedSurvey,
): Promise<void> {
  const notifier = deps.notifiers[survey.channel];
  let posted: { conversation: string; ref: string } | undefined;
  let reason = `${channelName(survey.channel)} is not connected here`;
  if (notifier) {
    try {
      posted = await notifier.send(survey.destination, surveyInvite(survey));
    } catch (error) {
      deps.logger?.warn({ err: error, requestId: survey.requestId }, 'survey could not be posted');
      reason =
        error instanceof UndeliverableError
          ? error.message
          : `${channelName(survey.channel)} refused the message (${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message})`;
    }
  }
  if (posted) {
    await deps.prisma.surveyRequest.update({
      where: { id: survey.requestId },
      data: {
        messageRef: posted.ref,
        messageChannel: posted.conversation,
        // A person addressed by identity now has a known chat; reminders go there.
        ...(survey.destination.startsWith(personDestinationPrefix) ? { destination: posted.conversation } : {}),
      },
    });
    return;
  }
  await deps.prisma.$transaction([
    deps.prisma.surveyRequest.update({ where: { id: survey.requestId }, data: { state: 'CANCELLED' } }),
    deps.prisma.contact.update({
      where: { id: survey.contact.id },
      data: { lastSurveyedAt: survey.previousSurveyedAt },
    }),
  ]);
  throw new InputError(`The survey to ${survey.contact.name} was not sent: ${reason}.`);
}
