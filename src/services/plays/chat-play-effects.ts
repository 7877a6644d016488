import type { PrismaClient } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import type { SurveyPolicy } from '../../config/config.js';
import type { AlertNotifiers } from '../alerts/alert-notifier.js';
import { personDestinationPrefix } from '../alerts/alert-notifier.js';
import { createSurveyRequest, type CreatedSurvey } from '../surveys/survey-requests.js';
import { crmTaskEffect } from './crm-task-effect.js';
import type { CrmTasks } from './crm-tasks.js';
import type { PlayEffects } from './play-effects.js';

/**
 * Play system steps carried out through the chat apps that are connected: a message to the
 * account's champion (their Slack or Teams identity), a survey to them, a post to the alert channel;
 * and a task in the CRM that is configured for it.
 */
export function chatPlayEffects(deps: {
  prisma: PrismaClient;
  notifiers: AlertNotifiers;
  logger: Logger;
  escalationSlackChannel?: string;
  surveys: { policy: SurveyPolicy; deliver(survey: CreatedSurvey): Promise<void> };
  crmTasks?: CrmTasks;
  now(): Date;
}): PlayEffects {
  const champion = async (accountId: string) => {
    const contact = await deps.prisma.contact.findFirst({
      where: { accountId, role: 'champion', OR: [{ slackUserId: { not: null } }, { teamsAadObjectId: { not: null } }] },
      select: { id: true, name: true, slackUserId: true, teamsAadObjectId: true },
      orderBy: { name: 'asc' },
    });
    if (!contact) throw new Error('the account has no champion Tend can reach in Slack or Teams');
    return contact;
  };
  return {
    async messageChampion({ accountId, text }) {
      const c = await champion(accountId);
      const target =
        c.slackUserId && deps.notifiers.SLACK
          ? { channel: 'SLACK' as const, destination: c.slackUserId }
          : c.teamsAadObjectId && deps.notifiers.TEAMS
            ? { channel: 'TEAMS' as const, destination: `${personDestinationPrefix}${c.teamsAadObjectId}` }
            : undefined;
      if (!target) throw new Error(`${c.name}'s chat app is not connected here`);
      await deps.notifiers[target.channel]!.send(target.destination, { headline: text, tone: 'info' });
      return `${target.channel === 'SLACK' ? 'Slack' : 'Teams'} message to ${c.name}`;
    },
    async surveyChampion({ accountId, survey, actor }) {
      const c = await champion(accountId);
      const created = await createSurveyRequest(
        deps.prisma,
        actor,
        { accountId, contactId: c.id, surveyKey: survey },
        deps.surveys.policy,
        deps.now(),
      );
      await deps.surveys.deliver(created);
      return `${survey.toUpperCase()} survey to ${c.name}`;
    },
    async postEscalation({ text }) {
      if (!deps.escalationSlackChannel || !deps.notifiers.SLACK)
        throw new Error('no escalation channel is set (TEND_ALERT_SLACK_CHANNEL)');
      await deps.notifiers.SLACK.send(deps.escalationSlackChannel, { headline: text, tone: 'warning' });
      return `posted to ${deps.escalationSlackChannel}`;
    },
    createCrmTask: crmTaskEffect(deps.prisma, deps.crmTasks),
  };
}
