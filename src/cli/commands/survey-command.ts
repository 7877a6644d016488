import type { Command } from 'commander';
import { findAccount } from '../../services/accounts/find-account.js';
import { createSurveyRequest } from '../../services/surveys/survey-requests.js';
import { surveyInvite } from '../../services/surveys/survey-invite.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { notifiersFor } from '../cli-notifiers.js';

export function registerSurvey(program: Command): void {
  const survey = program.command('survey').description('Conversational NPS / CSAT / CES surveys for client contacts');
  survey
    .command('send <account...>')
    .description('Send a survey to a contact of an account in Slack (champions and sponsors first)')
    .option('--contact <external id>', 'the contact to ask (default: the first reachable one)')
    .option('--survey <key>', 'nps, csat or ces', 'nps')
    .action(async (words: string[], options: { contact?: string; survey: string }) => {
      const ctx = createCliContext({ quiet: true });
      const message = await ctx.withDatabase(async (db) => {
        const query = words.join(' ');
        const match = await findAccount(db.prisma, query);
        if (match.kind !== 'found') throw new CommandError(`No single account matches "${query}".`, 2);
        const contact = options.contact
          ? await db.prisma.contact.findUnique({ where: { externalId: options.contact }, select: { id: true } })
          : undefined;
        if (options.contact && !contact) throw new CommandError(`No contact with external id "${options.contact}".`, 2);
        const notifiers = notifiersFor(ctx.config);
        const created = await createSurveyRequest(
          db.prisma,
          { role: 'admin', external: false, place: 'dm' },
          { accountId: match.account.id, surveyKey: options.survey, ...(contact ? { contactId: contact.id } : {}) },
          ctx.config.surveys,
          new Date(),
        ).catch((error: Error) => {
          throw new CommandError(error.message, 1);
        });
        const notifier = notifiers[created.channel];
        if (!notifier) {
          await db.prisma.surveyRequest.update({ where: { id: created.requestId }, data: { state: 'CANCELLED' } });
          throw new CommandError(
            `${created.contact.name} is reachable in ${created.channel === 'SLACK' ? 'Slack' : 'Teams'}, which this command cannot post to; use /tend survey in chat.`,
            1,
          );
        }
        const posted = await notifier.send(created.destination, surveyInvite(created));
        await db.prisma.surveyRequest.update({
          where: { id: created.requestId },
          data: { messageRef: posted.ref, messageChannel: posted.conversation },
        });
        return `${created.definition.key.toUpperCase()} survey sent to ${created.contact.name} (${match.account.name}).`;
      });
      ctx.out(message);
    });
}
