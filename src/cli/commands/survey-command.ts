import type { Command } from 'commander';
import { surveyCatalogueSchema } from '../../core/surveys/survey-definitions.js';
import { readSetting, writeSetting } from '../../db/repositories/settings.js';
import { findAccount } from '../../services/accounts/find-account.js';
import { InputError } from '../../services/accounts/input-error.js';
import { deliverSurvey } from '../../services/surveys/deliver-survey.js';
import { loadSurveyCatalogue, surveyDefinitionsKey } from '../../services/surveys/survey-catalogue.js';
import { createSurveyRequest } from '../../services/surveys/survey-requests.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { notifiersFor } from '../cli-notifiers.js';
import { readJsonFileAs } from '../json-input.js';

export function registerSurvey(program: Command): void {
  const survey = program.command('survey').description('Conversational NPS / CSAT / CES surveys for client contacts');
  survey
    .command('send <account...>')
    .description('Send a survey to a contact of an account in Slack or Teams (champions and sponsors first)')
    .option('--contact <external id>', 'the contact to ask (default: the first reachable one)')
    .option('--survey <key>', 'nps, csat, ces or a key from tend survey definitions', 'nps')
    .option('--slack-channel <id>', 'post in this channel shared with the client (the answer stays private)')
    .action(async (words: string[], options: { contact?: string; survey: string; slackChannel?: string }) => {
      const ctx = createCliContext({ quiet: true });
      const message = await ctx.withDatabase(async (db) => {
        const query = words.join(' ');
        const match = await findAccount(db.prisma, query);
        if (match.kind !== 'found') throw new CommandError(`No single account matches "${query}".`, 2);
        const contact = options.contact
          ? await db.prisma.contact.findUnique({ where: { externalId: options.contact }, select: { id: true } })
          : undefined;
        if (options.contact && !contact) throw new CommandError(`No contact with external id "${options.contact}".`, 2);
        try {
          const created = await createSurveyRequest(
            db.prisma,
            { role: 'admin', external: false, place: 'dm' },
            {
              accountId: match.account.id,
              surveyKey: options.survey,
              ...(contact ? { contactId: contact.id } : {}),
              ...(options.slackChannel ? { slackChannel: options.slackChannel } : {}),
            },
            ctx.config.surveys,
            new Date(),
          );
          await deliverSurvey({ prisma: db.prisma, notifiers: notifiersFor(ctx.config, db.prisma) }, created);
          return `${created.definition.key.toUpperCase()} survey sent to ${created.contact.name} (${match.account.name}).`;
        } catch (error) {
          if (error instanceof InputError) throw new CommandError(error.message, 1);
          throw error;
        }
      });
      ctx.out(message);
    });

  const definitions = survey
    .command('definitions')
    .description('The surveys Tend can ask: defaults (nps, csat, ces) plus your own');
  definitions
    .command('show')
    .description('Print every survey definition as JSON (defaults with yours over them)')
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const catalogue = await ctx.withDatabase((db) => loadSurveyCatalogue(db.prisma));
      ctx.out(JSON.stringify(catalogue, null, 2));
    });
  definitions
    .command('set <file.json>')
    .description(
      'Validate and store your surveys (a JSON array; a default key replaces that default), e.g. [{"key":"training","kind":"custom","question":"How useful was the training?","scale":{"min":1,"max":5,"lowLabel":"Not useful","highLabel":"Very useful"}}]',
    )
    .action(async (file: string) => {
      const ctx = createCliContext({ quiet: true });
      const data = readJsonFileAs(file, surveyCatalogueSchema, 'survey definitions');
      const replaced = await ctx.withDatabase(async (db) => {
        const before = await readSetting(db.prisma, surveyDefinitionsKey);
        await writeSetting(db.prisma, surveyDefinitionsKey, data);
        return before !== undefined;
      });
      ctx.out(
        `Stored ${data.length} survey definition(s)${replaced ? ', replacing the previous set' : ''}: ${data.map((d) => d.key).join(', ')}. Surveys already sent keep their question.`,
      );
    });
}
