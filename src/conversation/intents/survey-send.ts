import { z } from 'zod';
import type { SurveyDefinition } from '../../core/surveys/survey-definitions.js';
import { closestMatches } from '../../core/text/closest-matches.js';
import { findAccount } from '../../services/accounts/find-account.js';
import { InputError } from '../../services/accounts/input-error.js';
import { loadSurveyCatalogue } from '../../services/surveys/survey-catalogue.js';
import { createSurveyRequest } from '../../services/surveys/survey-requests.js';
import { unmatchedReply } from '../account-replies.js';
import { accountText } from '../account-arg.js';
import { defineIntent } from '../intent.js';
import { slash, stripAccount } from '../phrases.js';

/** "No survey "trainng"; surveys: nps, csat, ces, training. Did you mean "training"?" */
function surveyTypo(catalogue: readonly SurveyDefinition[], word: string): string {
  const keys = catalogue.map((d) => d.key);
  const near = closestMatches(word, keys, 1);
  return `No survey "${word}"; surveys: ${keys.join(', ')}.${near.length ? ` Did you mean "${near[0]}"?` : ''}`;
}

/**
 * Ask a client contact a survey in chat. `survey` absent: NPS, unless the account's last word names a
 * survey (custom keys are data). Asked in a Slack channel shared with the client, the survey goes to
 * that channel and the reply is the sender's alone.
 */
export default defineIntent({
  name: 'survey_send',
  args: z.object({
    account: accountText,
    survey: z.string().min(1).max(60).optional(),
    slackChannel: z
      .string()
      .regex(/^[CG][A-Z0-9]+$/)
      .optional(),
  }),
  verbs: ['survey'],
  access: 'survey_sender',
  help: {
    group: 'Customer voice',
    order: 30,
    line: 'survey <account> [nps | csat | ces | your survey]: ask a client contact in chat',
  },
  rules: [
    {
      // "survey Acme csat in <#C123|acme-shared>" (a channel link) or "in C0123ABCD" (its id). Case
      // matters: Slack ids are upper case, and "survey acme in cologne" is an account name.
      priority: 34,
      match: ({ text }) => {
        const send = new RegExp(
          String.raw`^${slash}survey\s+(.+?)(?:\s+(nps|csat|ces))?(?:\s+in\s+(?:<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|([CG](?=[A-Z]*\d)[A-Z0-9]{8,})))?$`,
          'i',
        ).exec(text);
        if (!send) return undefined;
        if (send[4] && send[4] !== send[4].toUpperCase()) return { account: stripAccount(`${send[1]} in ${send[4]}`) };
        const channel = send[3] ?? send[4];
        return {
          account: stripAccount(send[1]!),
          ...(send[2] ? { survey: send[2].toLowerCase() } : {}),
          ...(channel ? { slackChannel: channel } : {}),
        };
      },
    },
  ],
  async handle({ deps, actor, channel, now }, args) {
    const slackChannel =
      channel === 'slack' && actor.place === 'shared_channel' ? actor.conversationId : args.slackChannel;
    // "survey Acme training": the last word names a survey when the catalogue has it.
    const catalogue = await loadSurveyCatalogue(deps.prisma);
    let accountText = args.account;
    let key = args.survey;
    const words = accountText.split(' ');
    const last = words.at(-1)!.toLowerCase();
    if (!key && words.length > 1 && catalogue.some((d) => d.key === last)) {
      key = last;
      accountText = words.slice(0, -1).join(' ');
    }
    const match = await findAccount(deps.prisma, accountText);
    // "survey Acme trainng": the account without its last word exists, so that word is a mistyped survey.
    if (match.kind !== 'found' && !key && words.length > 1)
      if ((await findAccount(deps.prisma, words.slice(0, -1).join(' '))).kind === 'found')
        throw new InputError(surveyTypo(catalogue, last));
    if (match.kind !== 'found')
      return unmatchedReply(accountText, match, (c) => ({
        command: `survey ${c.name} ${key ?? 'nps'}`,
        intent: 'survey_send',
        args: { account: c.name, survey: key ?? 'nps', ...(slackChannel ? { slackChannel } : {}) },
      }));
    if (!deps.surveys) return { headline: 'Surveys need Slack or Teams to be connected.', tone: 'info' };
    const sent = await createSurveyRequest(
      deps.prisma,
      actor,
      { accountId: match.account.id, surveyKey: key ?? 'nps', ...(slackChannel ? { slackChannel } : {}) },
      deps.surveys.policy,
      now,
    );
    await deps.surveys.deliver(sent);
    const where = slackChannel
      ? slackChannel === actor.conversationId
        ? 'in this channel'
        : 'in the shared channel'
      : `in ${sent.channel === 'SLACK' ? 'Slack' : 'Teams'}`;
    return {
      headline: `${sent.definition.key.toUpperCase()} survey sent to ${sent.contact.name} (${match.account.name}) ${where}.`,
      tone: 'good',
      ...(slackChannel
        ? { sections: [{ lines: [`Only ${sent.contact.name} can answer, and only they see their answer.`] }] }
        : {}),
    };
  },
});
